package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The servers of {@code --server a,b}: round robin after a loss, unreachable ones skipped on open (loopback). */
@Timeout(20)
class ServerRotationTest {
    private static final ServerAddress A = new ServerAddress("a.lan", 1);
    private static final ServerAddress B = new ServerAddress("b.lan", 2);
    private static final ServerAddress C = new ServerAddress("c.lan", 3);

    @Test
    void aFailoverMovesToTheNextServerAndAfterTheLastBackToTheFirst() {
        ServerRotation servers = new ServerRotation(List.of(A, B, C));
        assertEquals(A, servers.current());
        assertEquals(B, servers.failover());
        assertEquals(C, servers.failover());
        assertEquals(A, servers.failover());
        assertEquals("a.lan:1,b.lan:2,c.lan:3", servers.toString());
    }

    @Test
    void openSkipsAServerThatDoesNotAnswerAndTheOneThatDidIsCurrentAfter() throws IOException, JoinException {
        int dead = closedPort();
        try (ServerSocket live = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerAddress alive = new ServerAddress("127.0.0.1", live.getLocalPort());
            ServerRotation servers = new ServerRotation(List.of(new ServerAddress("127.0.0.1", dead), alive));
            servers.open(ClientOptions.of("127.0.0.1", dead, "alice")).close();
            assertEquals(alive, servers.current());
        }
    }

    @Test
    void openFailsAsUnreachableWhenNoServerAnswers() throws IOException {
        ServerRotation servers = new ServerRotation(List.of(new ServerAddress("127.0.0.1", closedPort()),
                new ServerAddress("127.0.0.1", closedPort())));
        JoinException e = assertThrows(JoinException.class,
                () -> servers.open(ClientOptions.of("127.0.0.1", 1, "alice")));
        assertEquals(JoinException.Kind.UNREACHABLE, e.kind());
    }

    @Test
    void anEmptyListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServerRotation(List.of()));
    }

    /** A loopback port nothing listens on (bound, then released: the kernel refuses a connect). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
