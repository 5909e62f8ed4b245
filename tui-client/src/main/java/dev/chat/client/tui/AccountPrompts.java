package dev.chat.client.tui;

import dev.chat.client.ChatException;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;
import dev.chat.wire.ErrorCode;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The full-screen client's passwords, asked in {@link PasswordDialog}: the join's when the daemon
 * refuses one without it or with a wrong one, and new ones for {@code /register} and
 * {@code /password}. Whatever password the account has from then on is what rejoins send. GUI
 * thread only; replies are posted back with {@code gui}.
 */
final class AccountPrompts {
    static final String NEW = "New password (8 characters or more):";
    static final String AGAIN = "The same password again:";

    private final TuiState state;
    private final Executor gui;
    private final Clock clock;
    private final Supplier<Connection> connection;
    /** Back to the join dialog with its line, after Esc. */
    private final Consumer<String> askName;

    AccountPrompts(TuiState state, Executor gui, Clock clock, Supplier<Connection> connection, Consumer<String> askName) {
        this.state = state;
        this.gui = gui;
        this.clock = clock;
        this.connection = connection;
        this.askName = askName;
    }

    /**
     * A join refused for its password: asks for it and joins again with it (false for any other
     * failure). A wrong one comes back here, and says so; Esc goes back to the join dialog.
     */
    boolean joinRefused(Exception e, String name) {
        if (!(e instanceof JoinException join)) {
            return false;
        }
        ErrorCode code = join.code().orElse(null);
        if (code != ErrorCode.PASSWORD_REQUIRED && code != ErrorCode.WRONG_PASSWORD && code != ErrorCode.ACCOUNT_LOCKED) {
            return false;
        }
        state.focus = TuiState.Focus.JOIN;
        state.joinBusy = false;
        String message = switch (code) {
            case WRONG_PASSWORD -> "wrong password: try again";
            case ACCOUNT_LOCKED -> "the account is locked: ask the operator, then try again";
            default -> name + " is registered";
        };
        state.passwords.open("Password for " + name, message, List.of("Password:"),
                answers -> {
                    state.joinBusy = true;
                    state.joinMessage = "joining as " + name;
                    connection.get().joinWithPassword(name, answers.getFirst());
                },
                () -> askName.accept(code + ": " + name + " needs its password (Enter asks again, Esc quits)"));
        return true;
    }

    /** {@code /register}: the new password twice, then registers the name in use. */
    void register() {
        ChatSession session = connection.get().session();
        if (session == null) {
            error("DISCONNECTED", "not connected: cannot register");
            return;
        }
        state.passwords.open("Register " + session.name(), "", List.of(NEW, AGAIN), answers -> {
            if (!answers.get(0).equals(answers.get(1))) {
                error("", "the two passwords differ: nothing registered");
                return;
            }
            String password = answers.get(0);
            reply(session.register(password), () -> {
                connection.get().usePassword(password);
                note("registered " + session.name() + ": joining as " + session.name() + " now needs the password");
            });
        }, () -> note("/register cancelled"));
    }

    /** {@code /password}: the current password, the new one twice, then changes it. */
    void changePassword() {
        ChatSession session = connection.get().session();
        if (session == null) {
            error("DISCONNECTED", "not connected: cannot change the password");
            return;
        }
        state.passwords.open("Password of " + session.name(), "", List.of("Current password:", NEW, AGAIN), answers -> {
            if (!answers.get(1).equals(answers.get(2))) {
                error("", "the two new passwords differ: the password is unchanged");
                return;
            }
            String password = answers.get(1);
            reply(session.changePassword(answers.get(0), password), () -> {
                connection.get().usePassword(password);
                note("password of " + session.name() + " changed");
            });
        }, () -> note("/password cancelled"));
    }

    private void reply(CompletableFuture<Void> request, Runnable done) {
        request.whenComplete((ok, failure) -> gui.execute(() -> {
            if (failure == null) {
                done.run();
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ChatException chat) {
                error(chat.code().toString(), chat.getMessage());
            } else {
                error("ERROR", String.valueOf(cause.getMessage()));
            }
        }));
    }

    private void note(String text) {
        state.scrollback().append(ChatLine.info(clock.millis(), text));
    }

    private void error(String code, String text) {
        state.scrollback().append(ChatLine.error(clock.millis(), code, text));
    }
}
