package dev.chat.client;

import dev.chat.client.DownloadException.Reason;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches a granted range over a TCP data connection: sends the {@code fetch} line, reads the
 * {@code data} header (or an error line), then exactly {@code length} raw bytes into the part file
 * at their offsets. A daemon silent for the idle timeout fails it. Runs on the download's thread;
 * {@link #cancel} (any thread) closes the socket.
 */
final class TcpFetcher {
    private final InetAddress address;
    private final ClientTls tls;
    private final DownloadReady ready;
    private final Duration idleTimeout;
    private final AtomicLong done;
    private final Socket socket = new Socket();

    /** @param tls the session's TLS, which the data connection speaks too; null in plaintext */
    TcpFetcher(InetAddress address, ClientTls tls, DownloadReady ready, Duration idleTimeout, AtomicLong done) {
        this.address = address;
        this.tls = tls;
        this.ready = ready;
        this.idleTimeout = idleTimeout;
        this.done = done;
    }

    void fetch(FileChannel file) throws DownloadException, IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, ready.port()), (int) idleTimeout.toMillis());
        socket.setSoTimeout((int) idleTimeout.toMillis());
        Socket io = tls == null ? socket : tls.handshake(socket); // cancel() still closes the TCP socket beneath
        io.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
        io.getOutputStream().flush();
        InputStream in = io.getInputStream();
        DataHeader header = header(in);
        long expected = ready.size() - ready.offset();
        if (header.offset() != ready.offset() || header.length() != expected) {
            throw new DownloadException(Reason.PROTOCOL, "the data header announces " + header.length()
                    + " bytes at " + header.offset() + ", expected " + expected + " at " + ready.offset());
        }
        copy(in, file, header.offset(), header.length());
    }

    private DataHeader header(InputStream in) throws IOException, DownloadException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new DownloadException(Reason.CONNECTION_LOST, "the data connection closed before its header");
            }
            if (line.size() > Limits.MAX_LINE_BYTES) {
                throw new DownloadException(Reason.PROTOCOL, "the data header is too long");
            }
            line.write(b);
        }
        ServerFrame frame;
        try {
            frame = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line.toByteArray()));
        } catch (ProtocolException e) {
            throw new DownloadException(Reason.PROTOCOL, "bad data header: " + e.getMessage());
        }
        return switch (frame) {
            case DataHeader h -> h;
            case ErrorFrame e -> throw new DownloadException(Reason.REFUSED, e.code(), e.message(), null);
            default -> throw new DownloadException(Reason.PROTOCOL, "expected a data header, got " + frame);
        };
    }

    private void copy(InputStream in, FileChannel file, long offset, long length)
            throws IOException, DownloadException {
        byte[] bytes = new byte[64 * 1024];
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long position = offset;
        long end = offset + length;
        try {
            while (position < end) {
                int n = in.read(bytes, 0, (int) Math.min(bytes.length, end - position));
                if (n < 0) {
                    throw new DownloadException(Reason.CONNECTION_LOST, "the data connection ended after "
                            + (position - offset) + " of " + length + " bytes");
                }
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    position += file.write(buf, position);
                }
                done.set(position);
            }
        } catch (SocketTimeoutException e) {
            throw new DownloadException(Reason.CONNECTION_LOST, null, "no data for " + idleTimeout.toSeconds() + " s", e);
        }
    }

    void cancel() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
