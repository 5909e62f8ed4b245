package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A TCP data connection of a test: connects from {@code source} to a grant's port, presents its
 * {@code fetch} line and reads the first line's frame (a {@code data} header or an error) and every
 * byte after it until the daemon closes.
 *
 * @param first the frame of the first line
 * @param rest  the bytes after it
 */
record DataFetch(ServerFrame first, byte[] rest) {
    static final int TIMEOUT_MILLIS = 10_000;

    static DataFetch of(InetAddress source, DownloadReady ready) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", ready.port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                line.write(b);
            }
            line.write('\n');
            ServerFrame first = JsonCodec.instance().decodeServer(ByteBuffer.wrap(line.toByteArray()));
            return new DataFetch(first, in.readAllBytes());
        }
    }
}
