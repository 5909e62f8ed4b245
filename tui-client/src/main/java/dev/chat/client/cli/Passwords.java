package dev.chat.client.cli;

import dev.chat.wire.Limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where this client's password comes from. Script mode: {@code --password-file FILE} (its first
 * line) or the {@code CHAT_PASSWORD} variable, never asked; line mode: the same, else it asks on
 * the terminal, twice for a new one. The password is never printed or logged.
 */
interface Passwords {
    /** The variable script and line mode read when no {@code --password-file} is given. */
    String VARIABLE = "CHAT_PASSWORD";
    /** The variable script mode reads {@code /password}'s new password from when no {@code --new-password-file} is given. */
    String NEW_VARIABLE = "CHAT_NEW_PASSWORD";

    /** The password given up front, or null: a guest join unless the daemon asks for one. */
    String preset();

    /** Asks for the password of a registered {@code name} (line mode); null when it cannot ask. */
    String ask(String name);

    /** A new password for {@code /register}: the preset, or asked twice; null when none. */
    String fresh() throws CommandException;

    /** The current password for {@code /password}: the preset (the join's), or asked; null when none. */
    default String current(String name) {
        String given = preset();
        return given != null ? given : ask(name);
    }

    /** The new password for {@code /password}: asked twice (line mode), or the preset new one; null when none. */
    String replacement() throws CommandException;

    /** The preset only, never asked: script mode and {@code --json}; no new password for {@code /password}. */
    static Passwords fixed(String preset) {
        return fixed(preset, null);
    }

    /** As {@link #fixed(String)}, with {@code replacement} the new password {@code /password} sets. */
    static Passwords fixed(String preset, String replacement) {
        return new Passwords() {
            @Override
            public String replacement() {
                return replacement;
            }

            @Override
            public String preset() {
                return preset;
            }

            @Override
            public String ask(String name) {
                return null;
            }

            @Override
            public String fresh() {
                return preset;
            }
        };
    }

    /**
     * The password from {@code file} (its first line, without the newline), else from the
     * environment's {@link #VARIABLE}, else null.
     *
     * @throws IOException when the file cannot be read or holds no usable password
     */
    static String preset(Path file, Map<String, String> env) throws IOException {
        return preset(file, env, VARIABLE);
    }

    /** As {@link #preset(Path, Map)}, from {@code variable} when no file is given. */
    static String preset(Path file, Map<String, String> env, String variable) throws IOException {
        if (file != null) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String first = (newline < 0 ? text : text.substring(0, newline)).replace("\r", "");
            return usable(first, "the file " + file);
        }
        String value = Objects.requireNonNullElse(env.get(variable), "");
        return value.isEmpty() ? null : usable(value, variable);
    }

    private static String usable(String password, String where) throws IOException {
        if (password.isEmpty() || password.length() > Limits.MAX_PASSWORD_CHARS) {
            throw new IOException(where + " holds no password of 1 to " + Limits.MAX_PASSWORD_CHARS + " characters");
        }
        return password;
    }
}
