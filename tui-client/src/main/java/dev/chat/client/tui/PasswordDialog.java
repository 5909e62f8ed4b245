package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.wire.Limits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small modal over the screen that asks for one or more passwords in turn (the join's, or a new
 * one twice), each typed masked: only a '*' per character is ever drawn, and the typed text lives
 * here only until it is handed on. Enter takes the field and moves to the next prompt, the last
 * Enter hands every answer to {@code done}; Esc leaves the dialog and runs {@code cancelled}.
 * GUI thread only.
 */
final class PasswordDialog {
    /** One open question: a title, a line above the field, the prompts and what to do with the answers. */
    private record Ask(String title, String message, List<String> prompts, Consumer<List<String>> done,
                       Runnable cancelled) {
    }

    private static final int WIDTH = 64;

    private Ask ask;
    private final List<String> answers = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    /**
     * Opens the dialog (replacing one still open, whose {@code cancelled} does not run).
     *
     * @param message a line above the field, such as "wrong password: try again"; empty for none
     */
    void open(String title, String message, List<String> prompts, Consumer<List<String>> done, Runnable cancelled) {
        ask = new Ask(title, message, List.copyOf(prompts), done, cancelled);
        answers.clear();
        field.setLength(0);
    }

    boolean showing() {
        return ask != null;
    }

    /**
     * Takes every key while showing (true). Ctrl-C and end of input leave the dialog and are passed
     * on (false), so that they quit as everywhere else.
     */
    boolean handle(KeyStroke key) {
        if (ask == null) {
            return false;
        }
        Ask now = ask;
        if (key.getKeyType() == KeyType.EOF || key.isCtrlDown() && key.getKeyType() == KeyType.Character
                && Character.toLowerCase(key.getCharacter()) == 'c') {
            close();
            return false;
        }
        switch (key.getKeyType()) {
            case Escape -> {
                close();
                now.cancelled().run();
            }
            case Backspace -> {
                if (!field.isEmpty()) {
                    field.setLength(field.length() - 1);
                }
            }
            case Enter -> next(now);
            case Character -> {
                if (!key.isCtrlDown() && !key.isAltDown() && field.length() < Limits.MAX_PASSWORD_CHARS) {
                    field.append(key.getCharacter());
                }
            }
            default -> { }
        }
        return true;
    }

    /** An empty field is not an answer: Enter waits for something typed (Esc leaves). */
    private void next(Ask now) {
        if (field.isEmpty()) {
            return;
        }
        answers.add(field.toString());
        field.setLength(0);
        if (answers.size() == now.prompts().size()) {
            List<String> given = List.copyOf(answers);
            close();
            now.done().accept(given);
        }
    }

    private void close() {
        ask = null;
        answers.clear();
        field.setLength(0);
    }

    /** Draws the dialog centred over whatever is below; no cursor (the stars show where typing goes). */
    void paint(Canvas c) {
        Ask now = ask;
        if (now == null || c.columns() < 12 || c.rows() < 7) {
            return;
        }
        int width = Math.min(WIDTH, c.columns() - 2);
        int room = width - 4;
        int col = (c.columns() - width) / 2;
        int top = Math.max(0, (c.rows() - 7) / 2);
        c.box(col, top, width, 7, Cells.clean(now.title()), Canvas.Style.BOLD);
        c.text(col + 2, top + 2, now.message(), room, Canvas.Style.ERROR);
        String prompt = now.prompts().get(answers.size()) + " ";
        int used = c.text(col + 2, top + 3, prompt, room, Canvas.Style.PLAIN);
        c.text(col + 2 + used, top + 3, "*".repeat(Math.min(field.length(), room - used - 1)) + "_", room - used,
                Canvas.Style.BOLD);
        c.text(col + 2, top + 5, "Enter: next  Esc: back", room, Canvas.Style.DIM);
    }
}
