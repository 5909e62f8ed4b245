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
import java.net.StandardSocketOptions;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches a granted range over a TCP data connection: sends the {@code fetch} line, reads the
 * {@code data} header (or an error line), then exactly {@code length} raw bytes, handed in order to
 * a {@link HashingWriter} that writes and hashes them on its own thread. In plaintext the socket is
 * a non-blocking channel read straight into the writer's direct buffers (no copy on the way); over
 * TLS the bytes come from the TLS stream. A daemon silent for the idle timeout fails it. Runs on the
 * download's thread; {@link #cancel} (any thread) closes the socket.
 */
final class TcpFetcher {
    private final InetAddress address;
    private final ClientTls tls;
    private final DownloadReady ready;
    private final Duration idleTimeout;
    private final AtomicLong done;
    private final SocketChannel channel;
    private final Selector selector;
    private volatile boolean cancelled;

    /** @param tls the session's TLS, which the data connection speaks too; null in plaintext */
    TcpFetcher(InetAddress address, ClientTls tls, DownloadReady ready, Duration idleTimeout, AtomicLong done)
            throws IOException {
        this.address = address;
        this.tls = tls;
        this.ready = ready;
        this.idleTimeout = idleTimeout;
        this.done = done;
        this.channel = SocketChannel.open();
        this.selector = Selector.open();
    }

    void fetch(HashingWriter sink) throws DownloadException, IOException {
        try (channel; selector) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(address, ready.port()), (int) idleTimeout.toMillis());
            byte[] request = JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token()));
            if (tls == null) {
                channel.write(ByteBuffer.wrap(request)); // blocking: writes it all
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                receivePlain(sink);
            } else {
                Socket io = tls.handshake(channel.socket()); // cancel() still closes the channel beneath
                io.setSoTimeout((int) idleTimeout.toMillis());
                io.getOutputStream().write(request);
                io.getOutputStream().flush();
                receiveTls(io.getInputStream(), sink);
            }
        }
    }

    /** Reads header and body from the channel into the writer's buffers. */
    private void receivePlain(HashingWriter sink) throws IOException, DownloadException {
        ByteBuffer buf = sink.take();
        int newline = -1;
        while (newline < 0) {
            if (buf.position() > Limits.MAX_LINE_BYTES) {
                throw new DownloadException(Reason.PROTOCOL, "the data header is too long");
            }
            int from = buf.position();
            if (read(buf) < 0) {
                throw new DownloadException(Reason.CONNECTION_LOST, "the data connection closed before its header");
            }
            newline = indexOf(buf, from, (byte) '\n');
        }
        if (newline > Limits.MAX_LINE_BYTES) {
            throw new DownloadException(Reason.PROTOCOL, "the data header is too long");
        }
        byte[] line = new byte[newline];
        buf.get(0, line);
        long length = checked(decode(line));
        buf.flip().position(newline + 1);
        buf.compact(); // the body's first bytes, if they came with the header
        if (buf.position() > length) {
            throw new DownloadException(Reason.PROTOCOL, "the daemon sent more than the " + length + " bytes it announced");
        }
        long received = buf.position();
        while (received < length) {
            if (!buf.hasRemaining()) {
                sink.submit(buf);
                buf = sink.take();
            }
            buf.limit((int) Math.min(buf.capacity(), buf.position() + (length - received)));
            int n = read(buf);
            if (n < 0) {
                throw lost(received, length);
            }
            received += n;
            done.set(ready.offset() + received);
        }
        sink.submit(buf);
    }

    /** One read, waiting up to the idle timeout for bytes: their count, or -1 at the end of the stream. */
    private int read(ByteBuffer buf) throws IOException, DownloadException {
        for (;;) {
            int n = channel.read(buf);
            if (n != 0) {
                return n;
            }
            int ready = selector.select(idleTimeout.toMillis());
            selector.selectedKeys().clear();
            if (cancelled) {
                throw new IOException("cancelled");
            }
            if (ready == 0) {
                throw new DownloadException(Reason.CONNECTION_LOST, null, "no data for " + idleTimeout.toSeconds() + " s", null);
            }
        }
    }

    private static int indexOf(ByteBuffer buf, int from, byte b) {
        for (int i = from; i < buf.position(); i++) {
            if (buf.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads header and body from the TLS stream, copying into the writer's buffers. */
    private void receiveTls(InputStream in, HashingWriter sink) throws IOException, DownloadException {
        long length = checked(header(in));
        byte[] bytes = new byte[64 * 1024];
        ByteBuffer buf = sink.take();
        long received = 0;
        try {
            while (received < length) {
                if (!buf.hasRemaining()) {
                    sink.submit(buf);
                    buf = sink.take();
                }
                int n = in.read(bytes, 0, (int) Math.min(Math.min(bytes.length, buf.remaining()), length - received));
                if (n < 0) {
                    throw lost(received, length);
                }
                buf.put(bytes, 0, n);
                received += n;
                done.set(ready.offset() + received);
            }
        } catch (SocketTimeoutException e) {
            throw new DownloadException(Reason.CONNECTION_LOST, null, "no data for " + idleTimeout.toSeconds() + " s", e);
        }
        sink.submit(buf);
    }

    /** The header's length, if it announces the granted range. */
    private long checked(DataHeader header) throws DownloadException {
        long expected = ready.size() - ready.offset();
        if (header.offset() != ready.offset() || header.length() != expected) {
            throw new DownloadException(Reason.PROTOCOL, "the data header announces " + header.length()
                    + " bytes at " + header.offset() + ", expected " + expected + " at " + ready.offset());
        }
        return expected;
    }

    private static DownloadException lost(long received, long length) {
        return new DownloadException(Reason.CONNECTION_LOST, "the data connection ended after "
                + received + " of " + length + " bytes");
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
        return decode(line.toByteArray());
    }

    private static DataHeader decode(byte[] line) throws DownloadException {
        ServerFrame frame;
        try {
            frame = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line));
        } catch (ProtocolException e) {
            throw new DownloadException(Reason.PROTOCOL, "bad data header: " + e.getMessage());
        }
        return switch (frame) {
            case DataHeader h -> h;
            case ErrorFrame e -> throw new DownloadException(Reason.REFUSED, e.code(), e.message(), null);
            default -> throw new DownloadException(Reason.PROTOCOL, "expected a data header, got " + frame);
        };
    }

    void cancel() {
        cancelled = true;
        selector.wakeup();
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
