package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatException;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Sent;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The executor against a mocked client: what each command asks of the client and prints. */
class CommandExecutorTest {
    private final ChatClient client = mock(ChatClient.class);
    private final Queue<String> printed = new ConcurrentLinkedQueue<>();
    private final CommandExecutor executor = new CommandExecutor(client, printed::add, new EventFormatter(ZoneOffset.UTC));

    @Test
    void linesWithoutTargetGoToAllUntilSlashToChangesIt() {
        when(client.send("all", "hi")).thenReturn(CompletableFuture.completedFuture(new Sent(1, "all", 2, 0)));
        when(client.send("bob", "psst")).thenReturn(CompletableFuture.completedFuture(new Sent(2, "bob", 1, 0)));
        assertTrue(executor.execute(CommandParser.parse("hi")));
        assertTrue(executor.execute(CommandParser.parse("/to bob")));
        assertTrue(executor.execute(CommandParser.parse("psst")));
        verify(client).send("all", "hi");
        verify(client).send("bob", "psst");
        assertEquals("bob", executor.target());
        assertEquals(List.of("* now talking to bob"), List.copyOf(printed));
    }

    @Test
    void aFailedSendIsPrintedWithItsCode() {
        when(client.send("dave", "hi")).thenReturn(CompletableFuture.failedFuture(
                new ChatException(ErrorCode.UNKNOWN_TARGET, "no user 'dave' online")));
        executor.execute(CommandParser.parse("dave: hi"));
        assertEquals(List.of("! UNKNOWN_TARGET: no user 'dave' online"), List.copyOf(printed));
    }

    @Test
    void usersArePrintedWhenTheReplyComes() {
        CompletableFuture<List<String>> users = new CompletableFuture<>();
        when(client.listUsers()).thenReturn(users);
        executor.execute(new Command.ListUsers());
        assertTrue(printed.isEmpty());
        users.complete(List.of("alice", "bob"));
        assertEquals(List.of("* users (2): alice, bob"), List.copyOf(printed));
    }

    @Test
    void quitStopsAndInvalidLinesExplainThemselves() {
        assertTrue(executor.execute(CommandParser.parse("/nope")));
        assertEquals("! unknown command /nope (try /help)", printed.peek());
        assertFalse(executor.execute(CommandParser.parse("/quit")));
    }
}
