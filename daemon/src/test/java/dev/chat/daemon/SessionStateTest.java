package dev.chat.daemon;

import dev.chat.daemon.transfer.FileHasher;
import dev.chat.daemon.transfer.SharedFolder;
import dev.chat.daemon.transfer.TransferService;
import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStateTest {
    private static final ServerLimits LIMITS = new ServerLimits(65536, 4096, 32, 20, 50, 60);
    private static final long TS = 1_000;

    @TempDir
    Path files;

    private final AtomicLong nanos = new AtomicLong();
    private final UserRegistry registry = new UserRegistry("chatd test", LIMITS);
    private final Router router = new Router(registry, () -> TS);
    private final RecordingPeer out = new RecordingPeer();

    private SessionState session(double rate, int burst) {
        SharedFolder folder = new SharedFolder(files);
        FileHasher hasher = new FileHasher(Runnable::run, folder::openReal);
        DaemonContext context = new DaemonContext(DaemonConfig.builder().files(files).build(), registry, router,
                new FileCatalog(files, hasher), new TransferService(TransferSettings.DEFAULTS, folder, hasher),
                MemoryBudget.unlimited(), TestLogins.plaintextAllowed(registry));
        return new SessionState(context, JsonCodec.instance(), out, new TokenBucket(rate, burst, nanos::get), "#1 test");
    }

    private static ByteBuffer line(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hello(long id, String name) {
        return "{\"type\":\"hello\",\"id\":" + id + ",\"name\":\"" + name + "\",\"version\":1,\"client\":\"t\"}";
    }

    private ErrorFrame lastError() {
        return assertInstanceOf(ErrorFrame.class, out.last());
    }

    @Test
    void helloJoinsAndIsAnsweredWithWelcome() {
        SessionState session = session(0, 0);
        assertEquals(SessionState.Verdict.CONTINUE, session.onLine(line(hello(3, "alice"))));
        assertTrue(session.joined());
        assertEquals("alice", session.name());
        Welcome welcome = assertInstanceOf(Welcome.class, out.last());
        assertEquals(3, welcome.re());
        assertEquals(List.of("alice"), welcome.users());
        assertEquals(LIMITS, welcome.limits());
    }

    @Test
    void beforeJoiningOnlyHelloPingAndQuitAreAccepted() {
        SessionState session = session(0, 0);
        session.onLine(line("{\"type\":\"send\",\"id\":4,\"to\":\"all\",\"text\":\"hi\"}"));
        assertEquals(new ErrorFrame(4L, ErrorCode.NOT_JOINED, "say hello first"), out.last());
        session.onLine(line("{\"type\":\"list_users\",\"id\":5}"));
        assertEquals(ErrorCode.NOT_JOINED, lastError().code());
        session.onLine(line("{\"type\":\"pong\",\"re\":5}"));
        assertEquals(ErrorCode.NOT_JOINED, lastError().code());
        session.onLine(line("{\"type\":\"ping\",\"id\":6}"));
        assertEquals(new Pong(6), out.last());
        assertEquals(SessionState.Verdict.QUIT, session.onLine(line("{\"type\":\"quit\",\"id\":7}")));
        assertEquals(new Bye(7), out.last());
    }

    @Test
    void aWrongProtocolVersionIsFatal() {
        SessionState session = session(0, 0);
        SessionState.Verdict verdict = session.onLine(line(
                "{\"type\":\"hello\",\"id\":1,\"name\":\"a\",\"version\":2,\"client\":\"t\"}"));
        assertEquals(SessionState.Verdict.FATAL, verdict);
        assertEquals(new ErrorFrame(1L, ErrorCode.PROTOCOL_VERSION, "this daemon speaks version 1, not 2"), out.last());
    }

    @Test
    void anInvalidOrTakenNameMayBeRetried() {
        registry.join("bob", new RecordingPeer(), 1);
        SessionState session = session(0, 0);
        assertEquals(SessionState.Verdict.CONTINUE, session.onLine(line(hello(1, "all"))));
        assertEquals(ErrorCode.NAME_INVALID, lastError().code());
        assertEquals(1L, lastError().re());
        session.onLine(line(hello(2, "BOB")));
        assertEquals(new ErrorFrame(2L, ErrorCode.NAME_TAKEN, "the name 'BOB' is taken"), out.last());
        session.onLine(line(hello(3, "carol")));
        assertInstanceOf(Welcome.class, out.last());
    }

    @Test
    void aSecondHelloIsAlreadyJoined() {
        SessionState session = session(0, 0);
        session.onLine(line(hello(1, "alice")));
        session.onLine(line(hello(2, "alice2")));
        assertEquals(new ErrorFrame(2L, ErrorCode.ALREADY_JOINED, "already joined as 'alice'"), out.last());
    }

    @Test
    void sendIsRoutedAndConfirmedAfterTheMessage() {
        SessionState session = session(0, 0);
        session.onLine(line(hello(1, "alice")));
        session.onLine(line("{\"type\":\"send\",\"id\":2,\"to\":\"alice\",\"text\":\"note\"}"));
        List<ServerFrame> frames = out.frames();
        assertEquals(new Message("alice", "alice", "note", TS, 1L, null), frames.get(frames.size() - 2));
        assertEquals(new Sent(2, "alice", 1, TS, 1L, null), frames.get(frames.size() - 1));
        session.onLine(line("{\"type\":\"send\",\"id\":3,\"to\":\"dave\",\"text\":\"x\"}"));
        assertEquals(new ErrorFrame(3L, ErrorCode.UNKNOWN_TARGET, "no user 'dave' online"), out.last());
        session.onLine(line("{\"type\":\"send\",\"id\":4,\"to\":\"alice\",\"text\":\"  \"}"));
        assertEquals(ErrorCode.EMPTY_MESSAGE, lastError().code());
        assertEquals(4L, lastError().re());
    }

    @Test
    void listUsersAndListFilesAreAnswered() throws IOException {
        Files.writeString(files.resolve("a.txt"), "a");
        SessionState session = session(0, 0);
        session.onLine(line(hello(1, "alice")));
        session.onLine(line("{\"type\":\"list_users\",\"id\":2}"));
        assertEquals(new UserList(2, List.of("alice"), false), out.last());
        session.onLine(line("{\"type\":\"list_files\",\"id\":3}"));
        FileList list = assertInstanceOf(FileList.class, out.last());
        assertEquals("a.txt", list.files().get(0).name());
        assertFalse(list.more());
    }

    @Test
    void tenGarbageLinesInARowAreFatal() {
        SessionState session = session(0, 0);
        for (int i = 1; i < SessionState.MAX_BAD_FRAMES; i++) {
            assertEquals(SessionState.Verdict.CONTINUE, session.onLine(line(i % 2 == 0 ? "garbage" : "{\"type\":\"nope\"}")));
        }
        assertEquals(SessionState.Verdict.FATAL, session.onLine(line("garbage")));
        assertEquals(ErrorCode.TOO_MANY_BAD_FRAMES, lastError().code());
    }

    @Test
    void aGoodLineResetsTheGarbageCount() {
        SessionState session = session(0, 0);
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < SessionState.MAX_BAD_FRAMES; i++) {
                assertEquals(SessionState.Verdict.CONTINUE, session.onLine(line("garbage")));
            }
            session.onLine(line("{\"type\":\"ping\",\"id\":1}"));
        }
        assertEquals(new Pong(1), out.last());
    }

    @Test
    void overTheRateFramesAreDroppedWithRateLimitedButPongsAreFree() {
        SessionState session = session(1, 2);
        session.onLine(line("{\"type\":\"ping\",\"id\":1}"));
        session.onLine(line("{\"type\":\"ping\",\"id\":2}"));
        session.onLine(line("{\"type\":\"ping\",\"id\":3}"));
        assertEquals(new ErrorFrame(3L, ErrorCode.RATE_LIMITED, "too many frames, slow down; this one was dropped"),
                out.last());
        session.onLine(line(hello(4, "alice")));
        assertEquals(ErrorCode.RATE_LIMITED, lastError().code());
        assertFalse(session.joined());
        nanos.addAndGet(1_000_000_000L);
        session.onLine(line(hello(5, "alice")));
        assertTrue(session.joined());
        int before = out.frames().size();
        session.onLine(line("{\"type\":\"pong\",\"re\":1}"));
        assertEquals(before, out.frames().size(), "a pong is neither limited nor answered");
    }

    @Test
    void aBrokenLineWithAReadableIdIsAnsweredWithThatIdAsRe() {
        SessionState session = session(0, 0);
        session.onLine(line("{\"type\":\"ping\",\"id\":7,"));
        assertEquals(new ErrorFrame(7L, ErrorCode.BAD_FRAME, "malformed JSON at column 23"), out.last());
        session.onLine(line("{\"type\":\"ping\",\"id\":8,\"type\":\"quit\"}"));
        assertEquals(new ErrorFrame(8L, ErrorCode.BAD_FRAME, "duplicate field 'type'"), out.last());
    }

    @Test
    void aRateLimitedBrokenLineIsAnsweredWithItsReadableId() {
        SessionState session = session(1, 1);
        session.onLine(line("{\"type\":\"ping\",\"id\":1}"));
        session.onLine(line("{\"type\":\"ping\",\"id\":9,\"id\":10}"));
        assertEquals(new ErrorFrame(9L, ErrorCode.RATE_LIMITED, "too many frames, slow down; this one was dropped"),
                out.last());
        session.onLine(line("{\"type\":\"ping\",\"id\":11"));
        assertEquals(11L, lastError().re());
        assertEquals(ErrorCode.RATE_LIMITED, lastError().code());
    }
}
