package dev.chat.client.cli;

/**
 * The password this session joins with, in one place for all of its joins: the preset one
 * ({@code --password-file}, {@code CHAT_PASSWORD}) at first, the one typed when the daemon asked,
 * and the new one once {@code /register} or {@code /password} succeeded. Every join and rejoin of
 * line mode reads it, so a reconnect after {@code /password} sends the new password, not the one
 * the client started with. Never printed.
 *
 * <p>Threads: any (the rejoin loop reads, request completions write).
 */
final class Credential {
    private volatile String password;

    Credential(String initial) {
        this.password = initial;
    }

    /** The password to join with; null for a guest. */
    String get() {
        return password;
    }

    /** The daemon accepted {@code value} for this session's name (a join, a register, a change). */
    void set(String value) {
        password = value;
    }

    @Override
    public String toString() {
        return password == null ? "Credential[none]" : "Credential[***]";
    }
}
