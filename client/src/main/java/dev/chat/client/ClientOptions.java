package dev.chat.client;

import dev.chat.wire.Limits;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ChatClient} connects: where to, under which name, how it describes itself in
 * {@code hello}, and how long it waits for the TCP connect and for each request's reply.
 *
 * @param host           daemon host name or address
 * @param port           daemon TCP port, 1..65535
 * @param name           the name to join under (checked with {@code Names.validate} before hello)
 * @param clientSoftware free description sent in {@code hello}, at most 128 characters
 * @param connectTimeout limit for the TCP connect
 * @param requestTimeout limit for each request's reply, the welcome included
 * @param tls            how to trust the daemon over TLS; null for plaintext
 * @param password       the password of a registered name, sent in {@code hello}; null to join as a guest
 */
public record ClientOptions(String host, int port, String name, String clientSoftware,
                            Duration connectTimeout, Duration requestTimeout, TlsOptions tls, String password) {
    public static final int DEFAULT_PORT = 13337;
    public static final String DEFAULT_CLIENT_SOFTWARE = "dev.chat client 0.1.0";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clientSoftware, "clientSoftware");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (clientSoftware.length() > Limits.MAX_CLIENT_CHARS) {
            throw new IllegalArgumentException("clientSoftware has more than " + Limits.MAX_CLIENT_CHARS + " characters");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (password != null && (password.isEmpty() || password.length() > Limits.MAX_PASSWORD_CHARS)) {
            throw new IllegalArgumentException("a password has 1 to " + Limits.MAX_PASSWORD_CHARS + " characters");
        }
    }

    /** Never shows the password: options end up in logs. */
    @Override
    public String toString() {
        return "ClientOptions[" + host + ":" + port + ", name=" + name + ", client=" + clientSoftware
                + (tls != null ? ", tls" : "") + (password != null ? ", password=***" : "") + "]";
    }

    /** A copy that sends {@code value} as the name's password (null: as a guest). */
    public ClientOptions withPassword(String value) {
        return new ClientOptions(host, port, name, clientSoftware, connectTimeout, requestTimeout, tls, value);
    }

    /** Options with the defaults for everything but where to connect and the name. */
    public static ClientOptions of(String host, int port, String name) {
        return builder().host(host).port(port).name(name).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy that joins under {@code newName}. */
    public ClientOptions withName(String newName) {
        return new ClientOptions(host, port, newName, clientSoftware, connectTimeout, requestTimeout, tls, password);
    }

    /** A copy that connects to {@code server} (the next node of a {@link ServerRotation}). */
    public ClientOptions withServer(ServerAddress server) {
        return new ClientOptions(server.host(), server.port(), name, clientSoftware, connectTimeout, requestTimeout,
                tls, password);
    }

    /**
     * True when the daemon is on this machine ({@code localhost} or a loopback address): plaintext is
     * the default there and reconnects back off less. A name that does not resolve is not local.
     */
    public boolean serverIsLocal() {
        return isLoopback(host);
    }

    /** The one rule for "on this machine", for callers that have only a host. */
    public static boolean isLoopback(String host) {
        try {
            return host.equalsIgnoreCase("localhost") || java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false; // connecting fails anyway, and says why
        }
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return builder().host(host).port(port).name(name).clientSoftware(clientSoftware)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout).tls(tls).password(password);
    }

    private static void requirePositive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }

    /** Builds {@link ClientOptions}; host defaults to localhost, port to 13337. */
    public static final class Builder {
        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private String name;
        private String clientSoftware = DEFAULT_CLIENT_SOFTWARE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private TlsOptions tls;
        private String password;

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder clientSoftware(String value) {
            clientSoftware = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        /** TLS trusted as {@code value} says; null (the default) for plaintext. */
        public Builder tls(TlsOptions value) {
            tls = value;
            return this;
        }

        /** The registered name's password; null (the default) to join as a guest. */
        public Builder password(String value) {
            password = value;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(host, port, name, clientSoftware, connectTimeout, requestTimeout, tls, password);
        }
    }
}
