package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.ClientOptions;
import dev.chat.client.Handshake;
import dev.chat.client.JoinException;
import dev.chat.client.ResumePoint;
import dev.chat.client.ServerRotation;
import dev.chat.wire.Names;

/**
 * {@link Connector} over the client library: keeps the {@link Handshake} open across retryable name
 * refusals, so trying another name costs no new connection. A rejoin under the last session's name
 * presents that session's resume point (token and last message id): the daemon gives the held name
 * back and replays what was missed, so nothing sent during the reconnect is lost. With several
 * servers ({@code --server a,b}) a join goes to the current one of the {@link ServerRotation} (the
 * next reachable one when it does not answer), and {@link #failover} moves on after a loss.
 */
final class ClientConnector implements Connector {
    /** Changes only with {@link #usePassword}: the options every later join opens with. */
    private ClientOptions options;
    private Handshake handshake;
    /** The last session that joined; its resume point is read when the next join needs it. */
    private ChatSession last;
    private final ServerRotation servers;

    ClientConnector(ClientOptions options) {
        this(options, ServerRotation.of(options));
    }

    ClientConnector(ClientOptions options, ServerRotation servers) {
        this.options = options;
        this.servers = servers;
    }

    @Override
    public synchronized ChatSession join(String name, ChatListener listener) throws JoinException {
        if (handshake == null) {
            handshake = servers.open(options);
        }
        try {
            ChatClient client = handshake.join(name, listener, resumePoint(name));
            handshake = null; // the connection belongs to the client now
            last = client;
            return client;
        } catch (JoinException e) {
            if (!e.retryable()) {
                handshake.close();
                handshake = null;
            }
            throw e;
        }
    }

    private ResumePoint resumePoint(String name) {
        if (last == null || !Names.key(last.name()).equals(Names.key(name))) {
            return null;
        }
        return last.resumePoint().orElse(null);
    }

    /**
     * A handshake says hello with the password of the options it was opened with, so one kept open
     * after a refused password is dropped: the next join opens a new one with {@code password}.
     */
    @Override
    public synchronized void usePassword(String password) {
        options = options.withPassword(password);
        close();
    }

    @Override
    public synchronized void failover() {
        close(); // a handshake kept open belongs to the server that was lost
        servers.failover();
    }

    @Override
    public boolean local() {
        return options.serverIsLocal();
    }

    @Override
    public String address() {
        return servers.current().toString();
    }

    @Override
    public synchronized void close() {
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
    }
}
