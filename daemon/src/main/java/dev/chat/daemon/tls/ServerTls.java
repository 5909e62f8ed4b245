package dev.chat.daemon.tls;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.ErrorFrame;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's side of TLS on its one port: a connection whose first byte is {@link #HANDSHAKE}
 * gets a server {@link SSLSocket} layered over it, with that byte given back, and the handshake runs
 * on the connection's own thread under a hard deadline. Thread-safe; one per server.
 */
public final class ServerTls implements AutoCloseable {
    /** A TLS record of type handshake: the first byte of every ClientHello. */
    public static final int HANDSHAKE = 0x16;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final TlsIdentity identity;
    private final SSLSocketFactory factory;
    private final boolean required;
    /**
     * Closes the TCP socket of a handshake that outlives its deadline. A read timeout alone is not
     * enough: it restarts with every record, so a peer trickling a byte at a time could stretch it.
     */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chatd-tls-deadline");
        t.setDaemon(true);
        return t;
    });

    public ServerTls(TlsIdentity identity, boolean required) throws IOException {
        this.identity = identity;
        this.required = required;
        try {
            char[] password = new char[0];
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            this.factory = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set TLS up: " + e.getMessage(), e);
        }
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    /** True when a connection that does not start with {@link #HANDSHAKE} is refused. */
    public boolean required() {
        return required;
    }

    /**
     * Runs the server handshake on {@code raw}, whose first byte {@link #HANDSHAKE} was already
     * read, on the calling thread; the socket is closed if it has not finished within {@code limit}.
     *
     * @return the TLS socket to read and write frames through; closing it closes {@code raw}
     * @throws IOException a failed or timed-out handshake ({@code raw} is then unusable)
     */
    public SSLSocket handshake(Socket raw, Duration limit) throws IOException {
        if (limit.isNegative() || limit.isZero()) {
            throw new java.net.SocketTimeoutException("no time left for a TLS handshake");
        }
        SSLSocket tls = (SSLSocket) factory.createSocket(raw, new ByteArrayInputStream(new byte[]{HANDSHAKE}), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(PROTOCOLS);
        ScheduledFuture<?> cutoff = deadlines.schedule(() -> closeQuietly(raw), limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            raw.setSoTimeout((int) Math.clamp(limit.toMillis() + 1, 1, Integer.MAX_VALUE));
            tls.startHandshake();
        } finally {
            cutoff.cancel(false);
        }
        return tls;
    }

    /**
     * What a plaintext connection is told under {@code --tls-required} before it is closed: a JSON
     * {@code TLS_REQUIRED} error when it began with {@code {}, else one line a person can read.
     */
    public static byte[] refusal(int firstByte) {
        String why = "this server accepts TLS connections only: use 'chat --tls' or 'openssl s_client -connect HOST:PORT -quiet'";
        if (firstByte == '{') {
            return JsonCodec.instance().encodeFrame(new ErrorFrame(null, ErrorCode.TLS_REQUIRED, why));
        }
        return ("! " + ErrorCode.TLS_REQUIRED.name() + ": " + why + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the handshake fails either way
        }
    }
}
