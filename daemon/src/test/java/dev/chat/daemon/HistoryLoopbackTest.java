package dev.chat.daemon;

import dev.chat.daemon.store.SqliteStore;
import dev.chat.daemon.store.Retention;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.HistoryPage;
import dev.chat.wire.frame.HistoryRequest;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History on join, on resume, on request, across a restart and under retention, over real sockets. */
@Timeout(30)
class HistoryLoopbackTest extends LoopbackFixture {
    @TempDir
    Path data;

    DaemonConfig.Builder historyConfig() {
        return config().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(TestLogins.CHEAP));
    }

    @Test
    void whatWasSentWhileAClientWasAwayArrivesExactlyOnceInOrderAfterItResumes() throws IOException {
        start(historyConfig());
        TestClient alice = connect();
        alice.send(new Hello(alice.nextId(), "alice", 1, "test"));
        Welcome welcome = alice.expect(Welcome.class);
        TestClient bob = join("bob");
        send(bob, "all", "before");
        long lastSeen = alice.expect(Message.class).id();
        alice.reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 1);

        List<String> missed = List.of("b1", "b2", "p1", "b3", "p2");
        for (String text : missed) {
            Sent sent = send(bob, text.startsWith("p") ? "alice" : "all", text);
            assertEquals(text.startsWith("p"), sent.isStored(), text + " to a held name is stored for it");
        }

        TestClient back = connect();
        back.send(new Hello(back.nextId(), "alice", 1, "test", null, welcome.resumeToken(), lastSeen));
        Welcome resumed = back.expect(Welcome.class);
        assertEquals(5, resumed.historyCount());
        List<String> replayed = new ArrayList<>();
        long previous = lastSeen;
        for (int i = 0; i < 5; i++) {
            Message m = back.expect(Message.class);
            assertTrue(m.isHistory(), m.toString());
            assertTrue(m.id() > previous, "in id order: " + m);
            previous = m.id();
            replayed.add(m.text());
        }
        assertEquals(missed, replayed);
        send(bob, "all", "live again");
        Message live = back.expect(Message.class);
        assertEquals("live again", live.text());
        assertFalse(live.isHistory());
    }

    @Test
    void aJoinerGetsTheLastMessagesMarkedAndATextSessionSeesThemMarkedToo() throws IOException {
        start(historyConfig());
        TestClient bob = join("bob");
        for (int i = 1; i <= 3; i++) {
            send(bob, "all", "m" + i);
        }
        TestClient carol = connect();
        carol.send(new Hello(carol.nextId(), "carol", 1, "test"));
        assertEquals(3, carol.expect(Welcome.class).historyCount());
        assertEquals("m1", carol.expect(Message.class).text());

        TestClient person = connect();
        person.sendRaw("dave\n");
        assertTrue(person.nextLine().endsWith("; 3 earlier messages follow"));
        String first = person.nextLine();
        assertTrue(first.matches("\\[\\d\\d:\\d\\d:\\d\\d] \\(history\\) bob -> all: m1"), first);
    }

    @Test
    void historyIsPagedByIdWithBeforeAndAfter() throws IOException {
        start(historyConfig());
        TestClient bob = join("bob");
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(send(bob, "all", "m" + i).id());
        }
        assertEquals(List.of("m4", "m5"), texts(history(bob, new HistoryRequest(bob.nextId(), null, null, 2))));
        assertEquals(List.of("m2", "m3"), texts(history(bob, new HistoryRequest(bob.nextId(), ids.get(3), null, 2))));
        assertEquals(List.of("m2", "m3", "m4"), texts(history(bob, new HistoryRequest(bob.nextId(), null, ids.get(0), 3))));
        assertEquals(List.of(), texts(history(bob, new HistoryRequest(bob.nextId(), ids.get(0), null, 3))));
    }

    @Test
    void aPrivateToARegisteredUserWhoIsAwayIsStoredAndDeliveredAtTheNextLogin() throws IOException {
        start(historyConfig().dataDir(data));
        TestClient carol = join("carol");
        carol.send(new Register(carol.nextId(), "carol's secret"));
        assertInstanceOf(Ok.class, carol.next());
        carol.send(new Quit(carol.nextId()));
        carol.closedByDaemon();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registry().size() == 0);

        TestClient bob = join("bob");
        Sent stored = send(bob, "carol", "the wifi password is hunter2");
        assertTrue(stored.isStored());
        assertEquals(0, stored.recipients());
        bob.send(new Send(bob.nextId(), "dave", "hello?"));
        assertEquals(ErrorCode.UNKNOWN_TARGET, bob.expect(ErrorFrame.class).code());

        TestClient again = connect();
        again.send(new Hello(again.nextId(), "carol", 1, "test", "carol's secret", null, null));
        Welcome welcome = again.expect(Welcome.class);
        assertEquals(1, welcome.historyCount());
        Message waiting = again.expect(Message.class);
        assertEquals("the wifi password is hunter2", waiting.text());
        assertEquals("bob", waiting.from());
    }

    @Test
    void historyAndAccountsSurviveADaemonRestart() throws IOException {
        start(historyConfig().dataDir(data));
        TestClient bob = join("bob");
        send(bob, "all", "kept 1");
        long last = send(bob, "all", "kept 2").id();
        server.close();

        start(historyConfig().dataDir(data));
        TestClient carol = connect();
        carol.send(new Hello(carol.nextId(), "carol", 1, "test"));
        assertEquals(2, carol.expect(Welcome.class).historyCount());
        assertEquals("kept 1", carol.expect(Message.class).text());
        assertEquals("kept 2", carol.expect(Message.class).text());
        assertTrue(send(carol, "all", "after").id() > last, "ids continue after the restart");
    }

    @Test
    void aStoreInMemoryKeepsHistoryWhileRunningAndWritesNoDatabase() throws IOException {
        start(historyConfig().dataDir(data).storeInMemory(true));
        TestClient bob = join("bob");
        send(bob, "all", "only in memory");
        TestClient carol = connect();
        carol.send(new Hello(carol.nextId(), "carol", 1, "test"));
        assertEquals(1, carol.expect(Welcome.class).historyCount());
        assertEquals("only in memory", carol.expect(Message.class).text());
        assertFalse(Files.exists(data.resolve(SqliteStore.FILE_NAME)), "no database in the data folder");
    }

    @Test
    void retentionPrunesTheOldestBeyondTheCount() throws IOException {
        start(historyConfig().dataDir(data).history(new Retention(Duration.ofDays(30), 3)));
        TestClient bob = join("bob");
        for (int i = 1; i <= 5; i++) {
            send(bob, "all", "m" + i);
        }
        server.registry().history().store().prune().join();
        assertEquals(List.of("m3", "m4", "m5"), texts(history(bob, new HistoryRequest(bob.nextId(), null, null, 10))));
    }

    /** Sends and waits for the durable receipt. */
    private static Sent send(TestClient client, String to, String text) throws IOException {
        long id = client.nextId();
        client.send(new Send(id, to, text));
        while (true) {
            ServerFrame frame = client.next();
            if (frame instanceof Sent sent && sent.re() == id) {
                return sent;
            }
            if (frame instanceof ErrorFrame error && error.re() != null && error.re() == id) {
                throw new AssertionError("send refused: " + error);
            }
        }
    }

    private static List<Message> history(TestClient client, HistoryRequest request) throws IOException {
        client.send(request);
        List<Message> out = new ArrayList<>();
        while (true) {
            HistoryPage page = client.expect(HistoryPage.class);
            out.addAll(page.messages());
            if (!page.more()) {
                return out;
            }
        }
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(Message::text).toList();
    }
}
