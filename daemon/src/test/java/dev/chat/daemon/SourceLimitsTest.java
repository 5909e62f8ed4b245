package dev.chat.daemon;

import dev.chat.wire.frame.Transport;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 rows 2 and 5 over loopback: one host (127.0.0.2) floods connections or downloads; a
 * witness from another address (127.0.0.1) still joins, chats, lists and downloads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SourceLimitsTest extends LoopbackFixture {
    private static final InetAddress ATTACKER = address("127.0.0.2");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestClient from(InetAddress source) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), TestClient.READ_TIMEOUT_MILLIS);
        return track(new TestClient(socket));
    }

    private TestClient joinedFrom(InetAddress source, String name) throws IOException {
        TestClient client = from(source);
        client.send(new Hello(client.nextId(), name, 1, "test"));
        client.expect(Welcome.class);
        return client;
    }

    @Test
    void aThousandConnectionsFromOneHostLeaveRoomForEveryoneElse() throws IOException {
        start(config());
        TestClient witness = join("witness");
        TestClient peer = join("peer");
        int admitted = 0;
        int refused = 0;
        List<TestClient> flood = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TestClient attacker = from(ATTACKER);
            flood.add(attacker);
            attacker.sendRaw("{\"type\":\"ping\",\"id\":1}\n");
            if (attacker.next() instanceof ErrorFrame error) {
                assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, error.code());
                refused++;
                attacker.close();
            } else {
                admitted++;
            }
            if (i % 100 == 0) {
                witness.send(new Send(witness.nextId(), "peer", "still here " + i));
                assertInstanceOf(Sent.class, witness.expect(Sent.class));
                assertEquals("still here " + i, peer.expect(Message.class).text());
            }
        }
        assertEquals(SourceLimits.DEFAULTS.maxConnections(), admitted);
        assertEquals(1000 - admitted, refused);
        join("newcomer"); // another source still joins
        TestClient textUser = connect();
        textUser.sendRaw("nc-user\n");
        assertTrue(textUser.nextLine().startsWith("* welcome nc-user"));
        flood.forEach(this::closeQuietly);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 4);
    }

    @Test
    void aTextUserOverTheLimitReadsOneLineAndADataConnectionAJsonError() throws IOException {
        start(config().sources(SourceLimits.DEFAULTS.withMaxNew(2)));
        from(ATTACKER).sendRaw("{\"type\":\"ping\",\"id\":1}\n");
        from(ATTACKER).sendRaw("{\"type\":\"ping\",\"id\":1}\n");
        TestClient text = from(ATTACKER);
        text.sendRaw("mallory\n");
        String line = text.nextLine();
        assertTrue(line.startsWith("! TOO_MANY_CONNECTIONS: too many new connections from 127.0.0.2"), line);
        assertTrue(text.closedByDaemon());
        TestClient data = from(ATTACKER);
        data.sendRaw("{\"type\":\"fetch\",\"transfer\":1,\"token\":\"00\"}\n");
        assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, data.expect(ErrorFrame.class).code());
        assertTrue(data.closedByDaemon());
    }

    @Test
    void anExemptBlockIsNotLimitedPerSource() throws IOException {
        start(config().sources(SourceLimits.DEFAULTS.withMaxNew(2).withExempt(List.of(Cidr.parse("127.0.0.2/32")))));
        for (int i = 0; i < 5; i++) {
            joinedFrom(ATTACKER, "trusted" + i);
        }
    }

    @Test
    void oneHostsDownloadsAreBoundedAndEveryoneElseStillListsAndDownloads() throws IOException {
        for (int i = 0; i < 3; i++) {
            Files.writeString(files.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        start(config().sources(SourceLimits.DEFAULTS.withMaxTransfers(4)));
        TestClient witness = join("witness");
        int granted = 0;
        int refusedPerAddress = 0;
        for (int s = 0; s < 3; s++) {
            TestClient attacker = joinedFrom(ATTACKER, "hog" + s);
            for (int d = 0; d < 3; d++) {
                attacker.send(new Download(attacker.nextId(), "f0.txt", Transport.UDP, 0));
                switch (attacker.next()) {
                    case DownloadReady ready -> granted++;
                    case ErrorFrame error -> {
                        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, error.code());
                        assertTrue(error.message().contains("per address"), error.message());
                        refusedPerAddress++;
                    }
                    default -> throw new AssertionError("unexpected frame");
                }
            }
        }
        assertEquals(4, granted);
        assertEquals(5, refusedPerAddress);
        witness.send(new ListFiles(witness.nextId()));
        assertEquals(3, witness.expect(FileList.class).files().size());
        witness.send(new Download(witness.nextId(), "f1.txt", Transport.TCP, 0));
        assertEquals("f1.txt", witness.expect(DownloadReady.class).name());
    }

    @Test
    void outOfDescriptorsConnectionsAreServerFullAndListingStillWorks() throws IOException {
        Files.writeString(files.resolve("a.txt"), "a\n");
        long open = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
        long limit = open + FdBudget.MIN_HEADROOM + 40; // room for a few dozen connections beyond what is open
        start(config().fdLimit(limit).sources(SourceLimits.DEFAULTS.exemptAll()));
        TestClient witness = join("witness");
        int serverFull = 0;
        for (int i = 0; i < 120 && serverFull == 0; i++) {
            TestClient client = connect();
            client.sendRaw("{\"type\":\"ping\",\"id\":1}\n");
            if (client.next() instanceof ErrorFrame error) {
                assertEquals(ErrorCode.SERVER_FULL, error.code());
                assertTrue(error.message().contains("file descriptors"), error.message());
                serverFull++;
            }
        }
        assertEquals(1, serverFull, "the budget ran out before the process did");
        witness.send(new ListFiles(witness.nextId()));
        assertEquals(1, witness.expect(FileList.class).files().size());
        witness.send(new Download(witness.nextId(), "a.txt", Transport.UDP, 0));
        ErrorFrame refused = witness.expect(ErrorFrame.class);
        assertEquals(ErrorCode.TOO_MANY_TRANSFERS, refused.code(), refused.message());
    }

    private void closeQuietly(TestClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // already closed by the daemon
        }
    }
}
