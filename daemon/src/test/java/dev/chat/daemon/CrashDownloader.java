package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Fetch;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Run in a separate JVM by a test that kills it with SIGKILL in the middle of a download: joins,
 * starts downloading {@code args[2]} over {@code args[3]} (tcp or udp), prints "streaming" once
 * bytes flow, then reads slowly (a few KiB at a time) until killed or 60 s pass.
 */
public final class CrashDownloader {
    private CrashDownloader() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        TestClient client = TestClient.joined(port, args[1]);
        client.send(new Download(client.nextId(), args[2], Transport.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)), 0));
        DownloadReady ready = client.expect(DownloadReady.class);
        long until = System.nanoTime() + 60_000_000_000L;
        if (args[3].equals("tcp")) {
            try (Socket data = new Socket()) {
                data.connect(new InetSocketAddress("127.0.0.1", ready.port()), 5000);
                data.getOutputStream().write(JsonCodec.instance().encodeFrame(new Fetch(ready.transfer(), ready.token())));
                InputStream in = data.getInputStream();
                byte[] buf = new byte[4096];
                boolean announced = false;
                while (System.nanoTime() < until && in.read(buf) >= 0) {
                    if (!announced) {
                        announce();
                        announced = true;
                    }
                    Thread.sleep(10); // a slow reader on purpose: the download must still run when we are killed
                }
            }
        } else {
            udp(ready, until);
        }
    }

    private static void udp(DownloadReady ready, long until) throws IOException, InterruptedException {
        try (DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            channel.configureBlocking(false);
            InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", ready.port());
            RudpReceiver receiver = new RudpReceiver(RudpConfig.defaults(), ready.transfer(),
                    dev.chat.wire.udp.RudpKeys.fromHex(ready.key(), ready.transfer()), 0, (offset, src) -> src.position(src.limit()), System.nanoTime());
            ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
            ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
            boolean announced = false;
            while (!receiver.isDone() && System.nanoTime() < until) {
                while (receiver.poll(System.nanoTime(), out)) {
                    channel.send(out, daemon);
                }
                in.clear();
                if (channel.receive(in) != null) {
                    receiver.onDatagram(in.flip(), System.nanoTime());
                    if (!announced && receiver.stats().bytesReceived() > 0) {
                        announce();
                        announced = true;
                    }
                } else {
                    Thread.sleep(1); // slow on purpose: the transfer must still run when we are killed
                }
            }
        }
    }

    private static void announce() {
        System.out.println("streaming");
        System.out.flush();
    }
}
