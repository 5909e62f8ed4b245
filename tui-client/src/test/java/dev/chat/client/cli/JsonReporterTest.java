package dev.chat.client.cli;

import dev.chat.client.ChatException;
import dev.chat.client.DownloadResult;
import dev.chat.client.TransferProtocol;
import dev.chat.client.WelcomeInfo;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON schema of CLI.md, line by line. */
class JsonReporterTest {
    private final Queue<String> out = new ConcurrentLinkedQueue<>();
    private final Queue<String> err = new ConcurrentLinkedQueue<>();
    private final JsonReporter json = new JsonReporter(out::add, err::add, new EventFormatter(ZoneOffset.UTC));

    private String only() {
        assertEquals(1, out.size(), out.toString());
        return out.poll();
    }

    @Test
    void actionsAndAwayStatesAreMarked() {
        json.welcome(new WelcomeInfo("alice", List.of("alice", "bob"), "chatd", 1, new ServerLimits(65_536, 4096, 32, 20, 50, 60),
                false, null, List.of(), java.util.Map.of("bob", "lunch")));
        assertEquals("{\"event\":\"welcome\",\"name\":\"alice\",\"users\":[\"alice\",\"bob\"],\"server\":\"chatd\",\"registered\":false,"
                + "\"history\":0,\"away\":{\"bob\":\"lunch\"}}", only());
        json.message(new Message("bob", "all", "waves", 1_704_196_801_000L, 7L, null, true));
        assertEquals("{\"event\":\"message\",\"from\":\"bob\",\"to\":\"all\",\"text\":\"waves\",\"ts\":1704196801000,\"id\":7,"
                + "\"action\":true}", only());
        json.userAway("bob", null);
        assertEquals("{\"event\":\"user_away\",\"name\":\"bob\"}", only());
        json.away("tea");
        assertEquals("{\"result\":\"away\",\"reason\":\"tea\"}", only());
    }

    @Test
    void eventsNameThemselvesFirst() {
        json.welcome(new WelcomeInfo("alice", List.of("alice", "bob"), "chatd 0.1.0", 1, new ServerLimits(65_536, 4096, 32, 20, 50, 60)));
        assertEquals("{\"event\":\"welcome\",\"name\":\"alice\",\"users\":[\"alice\",\"bob\"],\"server\":\"chatd 0.1.0\",\"registered\":false,\"history\":0}", only());
        json.message(new Message("bob", "alice", "hi", 1_704_196_801_000L));
        assertEquals("{\"event\":\"message\",\"from\":\"bob\",\"to\":\"alice\",\"text\":\"hi\",\"ts\":1704196801000}", only());
        json.joined("carol");
        assertEquals("{\"event\":\"joined\",\"name\":\"carol\"}", only());
        json.left("carol", LeaveReason.CONNECTION_LOST);
        assertEquals("{\"event\":\"left\",\"name\":\"carol\",\"reason\":\"connection lost\"}", only());
        json.shutdown("maintenance");
        assertEquals("{\"event\":\"shutdown\",\"message\":\"maintenance\"}", only());
    }

    @Test
    void textIsWrittenAsIsExceptWhatJsonMustEscape() {
        json.message(new Message("bob", "all", "שלום! <b>&'=\" \\ \u001b[2J", 0));
        assertEquals("{\"event\":\"message\",\"from\":\"bob\",\"to\":\"all\",\"text\":\"שלום! <b>&'=\\\" \\\\ \\u001b[2J\",\"ts\":0}",
                only());
    }

    @Test
    void resultsNameTheirCommand() {
        json.sent(new Sent(1, "all", 2, 5));
        assertEquals("{\"result\":\"sent\",\"to\":\"all\",\"recipients\":2,\"ts\":5}", only());
        json.users(List.of("alice", "bob"));
        assertEquals("{\"result\":\"users\",\"users\":[\"alice\",\"bob\"]}", only());
        json.files(List.of(new FileEntry("a.txt", 3, "ab"), new FileEntry("b", 0, null)));
        assertEquals("{\"result\":\"files\",\"files\":[{\"name\":\"a.txt\",\"size\":3,\"sha256\":\"ab\"},"
                + "{\"name\":\"b\",\"size\":0,\"sha256\":null}]}", only());
        json.saved("a.txt", TransferProtocol.UDP, new DownloadResult(Path.of("downloads/alice/a.txt"), 3, "ab"));
        assertEquals("{\"result\":\"saved\",\"file\":\"a.txt\",\"protocol\":\"udp\",\"path\":\"downloads/alice/a.txt\","
                + "\"bytes\":3,\"sha256\":\"ab\"}", only());
        json.target("bob");
        assertEquals("{\"result\":\"target\",\"target\":\"bob\"}", only());
        json.expected("hi", new Message("bob", "alice", "oh hi", 7));
        assertEquals("{\"result\":\"expect\",\"text\":\"hi\",\"message\":{\"from\":\"bob\",\"to\":\"alice\",\"text\":\"oh hi\",\"ts\":7}}",
                only());
        json.slept(Duration.ofMillis(250));
        assertEquals("{\"result\":\"sleep\",\"ms\":250}", only());
    }

    @Test
    void aFailedCommandIsAnErrorObjectOnStdoutAndATextLineOnStderr() {
        json.failure("dave: hi", Failure.of(new ChatException(ErrorCode.UNKNOWN_TARGET, "no user 'dave' online")));
        assertEquals("{\"error\":\"UNKNOWN_TARGET\",\"message\":\"no user 'dave' online\",\"command\":\"dave: hi\"}", only());
        assertEquals(List.of("! UNKNOWN_TARGET: no user 'dave' online"), List.copyOf(err));
    }

    @Test
    void aJoinFailureHasNoCommand() {
        json.joinFailed(new Failure("NAME_TAKEN", "the name 'bob' is taken"));
        assertEquals("{\"error\":\"NAME_TAKEN\",\"message\":\"the name 'bob' is taken\"}", only());
    }

    @Test
    void losingTheConnectionIsAnEventButLeavingOnPurposeIsSilent() {
        json.disconnected(null);
        assertEquals(0, out.size());
        json.disconnected(new dev.chat.client.DisconnectedException("the server closed the connection"));
        assertEquals("{\"event\":\"disconnected\",\"code\":\"DISCONNECTED\",\"message\":\"the server closed the connection\"}", only());
    }
}
