package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.DataHeader;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 rows 2 and 5 over loopback, with the {@link AttackHarness}'s witnesses talking from
 * 127.0.0.1: one host (127.0.0.2) floods connections or downloads; everyone else still joins,
 * chats, lists and downloads; and one host's sequential downloads are not mistaken for a flood.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SourceLimitsTest {
    private static final InetAddress ATTACKER = AttackHarness.otherSource();
    /** The witnesses' source, exempt where a test lowers the window below what they open. */
    private static final List<Cidr> WITNESSES = List.of(Cidr.parse("127.0.0.1/32"));

    @TempDir
    Path files;

    @Test
    void aThousandConnectionsFromOneHostLeaveRoomForEveryoneElse() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient witness = harness.join("witness");
            TestClient peer = harness.join("peer");
            int admitted = 0;
            int refused = 0;
            for (int i = 0; i < 1000; i++) {
                TestClient attacker = harness.connectFrom(ATTACKER);
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
            harness.join("newcomer"); // another source still joins
            TestClient textUser = harness.connect();
            textUser.sendRaw("nc-user\n");
            assertTrue(textUser.nextLine().startsWith("* welcome nc-user"));
            harness.assertSurvived();
        }
    }

    @Test
    void aTextUserOverTheLimitReadsOneLineAndADataConnectionAJsonError() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, c -> c.sources(SourceLimits.DEFAULTS.withMaxNew(2).withExempt(WITNESSES)))) {
            harness.connectFrom(ATTACKER).sendRaw("{\"type\":\"ping\",\"id\":1}\n");
            harness.connectFrom(ATTACKER).sendRaw("{\"type\":\"ping\",\"id\":1}\n");
            TestClient text = harness.connectFrom(ATTACKER);
            text.sendRaw("mallory\n");
            String line = text.nextLine();
            assertTrue(line.startsWith("! TOO_MANY_CONNECTIONS: too many new connections from 127.0.0.2"), line);
            assertTrue(text.closedByDaemon());
            TestClient data = harness.connectFrom(ATTACKER);
            data.sendRaw("{\"type\":\"fetch\",\"transfer\":1,\"token\":\"00\"}\n");
            assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, data.expect(ErrorFrame.class).code());
            assertTrue(data.closedByDaemon());
            harness.assertSurvived();
        }
    }

    @Test
    void anExemptBlockIsNotLimitedPerSource() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, c -> c.sources(SourceLimits.DEFAULTS.withMaxNew(2)
                .withExempt(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("127.0.0.2/32")))))) {
            for (int i = 0; i < 5; i++) {
                harness.joinFrom(ATTACKER, "trusted" + i);
            }
            InetAddress notExempt = InetAddress.getByName("127.0.0.3");
            harness.joinFrom(notExempt, "limited0");
            harness.joinFrom(notExempt, "limited1");
            TestClient third = harness.connectFrom(notExempt);
            third.sendRaw("{\"type\":\"ping\",\"id\":1}\n");
            assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, third.expect(ErrorFrame.class).code());
            harness.assertSurvived();
        }
    }

    /**
     * A data connection is bounded by its grant's transfer slot, not by the new-connection window:
     * 40 TCP downloads one after another from 127.0.0.2 (the window allows 32 new connections) all
     * arrive whole, and then the same host's chat connections still get exactly what the window
     * has left (32 less the downloader's own session) before TOO_MANY_CONNECTIONS.
     */
    @Test
    void fortySequentialTcpDownloadsFromOneHostSucceedAndItsChatConnectionsAreStillLimited() throws Exception {
        byte[] content = new byte[64 * 1024];
        new Random(3).nextBytes(content);
        Files.write(files.resolve("a.bin"), content);
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient downloader = harness.joinFrom(ATTACKER, "downloader");
            int downloads = SourceLimits.DEFAULTS.maxNew() + 8;
            for (int i = 0; i < downloads; i++) {
                downloader.send(new Download(downloader.nextId(), "a.bin", Transport.TCP, 0));
                DataFetch fetched = DataFetch.of(ATTACKER, downloader.expect(DownloadReady.class));
                assertInstanceOf(DataHeader.class, fetched.first(), () -> "download " + fetched.first());
                assertArrayEquals(content, fetched.rest());
            }
            int chat = 0;
            while (true) {
                TestClient client = harness.connectFrom(ATTACKER);
                client.sendRaw("{\"type\":\"ping\",\"id\":1}\n");
                if (client.next() instanceof ErrorFrame error) {
                    assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, error.code());
                    assertTrue(error.message().contains("new connections"), error.message());
                    break;
                }
                client.close();
                chat++;
                assertTrue(chat < SourceLimits.DEFAULTS.maxNew(), "the window no longer limits chat connections");
            }
            assertEquals(SourceLimits.DEFAULTS.maxNew() - 1, chat);
            harness.assertSurvived();
        }
    }

    @Test
    void oneHostsDownloadsAreBoundedAndEveryoneElseStillListsAndDownloads() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.writeString(files.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        try (AttackHarness harness = AttackHarness.start(files, c -> c.sources(SourceLimits.DEFAULTS.withMaxTransfers(4)))) {
            int granted = 0;
            int refusedPerAddress = 0;
            for (int s = 0; s < 3; s++) {
                TestClient attacker = harness.joinFrom(ATTACKER, "hog" + s);
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
            TestClient lister = harness.join("lister");
            lister.send(new ListFiles(lister.nextId()));
            assertEquals(3, lister.expect(FileList.class).files().size());
            lister.send(new Download(lister.nextId(), "f1.txt", Transport.TCP, 0));
            assertEquals("f1.txt", lister.expect(DownloadReady.class).name());
            harness.assertSurvived();
        }
    }

    @Test
    void outOfDescriptorsConnectionsAreServerFullAndListingStillWorks() throws Exception {
        Files.writeString(files.resolve("a.txt"), "a\n");
        long open = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
        long limit = open + FdBudget.MIN_HEADROOM + 40; // room for a few dozen connections beyond what is open
        try (AttackHarness harness = AttackHarness.start(files,
                c -> c.fdLimit(limit).sources(SourceLimits.DEFAULTS.exemptAll()))) {
            TestClient lister = harness.join("lister");
            int serverFull = 0;
            for (int i = 0; i < 120 && serverFull == 0; i++) {
                TestClient client = harness.connect();
                client.sendRaw("{\"type\":\"ping\",\"id\":1}\n");
                if (client.next() instanceof ErrorFrame error) {
                    assertEquals(ErrorCode.SERVER_FULL, error.code());
                    assertTrue(error.message().contains("file descriptors"), error.message());
                    serverFull++;
                }
            }
            assertEquals(1, serverFull, "the budget ran out before the process did");
            lister.send(new ListFiles(lister.nextId()));
            assertEquals(1, lister.expect(FileList.class).files().size());
            lister.send(new Download(lister.nextId(), "a.txt", Transport.UDP, 0));
            ErrorFrame refused = lister.expect(ErrorFrame.class);
            assertEquals(ErrorCode.TOO_MANY_TRANSFERS, refused.code(), refused.message());
            harness.assertSurvived();
        }
    }
}
