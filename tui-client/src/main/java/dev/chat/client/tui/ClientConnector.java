package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.ClientOptions;
import dev.chat.client.Handshake;
import dev.chat.client.JoinException;

/**
 * {@link Connector} over the client library: keeps the {@link Handshake} open across retryable name
 * refusals, so trying another name costs no new connection.
 */
final class ClientConnector implements Connector {
    private final ClientOptions options;
    private Handshake handshake;

    ClientConnector(ClientOptions options) {
        this.options = options;
    }

    @Override
    public synchronized ChatSession join(String name, ChatListener listener) throws JoinException {
        if (handshake == null) {
            handshake = ChatClient.open(options);
        }
        try {
            ChatClient client = handshake.join(name, listener);
            handshake = null; // the connection belongs to the client now
            return client;
        } catch (JoinException e) {
            if (!e.retryable()) {
                handshake.close();
                handshake = null;
            }
            throw e;
        }
    }

    @Override
    public boolean local() {
        return options.serverIsLocal();
    }

    @Override
    public String address() {
        return options.host() + ":" + options.port();
    }

    @Override
    public synchronized void close() {
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
    }
}
