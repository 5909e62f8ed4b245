package dev.chat.daemon;

import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 row 15 over loopback: the daemon stalls (a join that cannot enter the room holds the
 * registry lock), a calm user goes on sending at half the rate, and after the
 * stall its backlog is read at once. Charged at arrival, none of it is RATE_LIMITED.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FloodLimitAfterStallTest extends LoopbackFixture {
    private static final int RATE = 20;
    private static final int BURST = 5;
    private static final int MESSAGES = 30;

    @Test
    void aCalmUsersBacklogAfterAStallIsDeliveredNotRateLimited() throws Exception {
        start(config().rateLimit(RATE, BURST));
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        CountDownLatch release = new CountDownLatch(1);
        Thread stall = Thread.ofPlatform().start(() -> server.registry().join("stall", new StallingPeer(release), 1));
        long pace = TimeUnit.SECONDS.toMillis(1) / (RATE / 2);
        for (int i = 0; i < MESSAGES; i++) {
            alice.send(new Send(alice.nextId(), "bob", "m" + i));
            Thread.sleep(pace); // paces a calm user at half the rate while the daemon is stalled
        }
        release.countDown();
        stall.join();
        List<ServerFrame> answers = new ArrayList<>();
        while (answers.size() < MESSAGES) {
            ServerFrame frame = alice.next();
            if (frame instanceof Sent || frame instanceof ErrorFrame) {
                answers.add(frame);
            }
        }
        assertTrue(answers.stream().allMatch(Sent.class::isInstance), answers.toString());
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals("m" + i, bob.expect(Message.class).text());
        }
    }

    /** A peer whose entry into the room blocks until released: the registry lock is held meanwhile. */
    private record StallingPeer(CountDownLatch release) implements Peer {
        @Override
        public boolean deliver(ServerFrame frame) {
            return true;
        }

        @Override
        public boolean deliverAll(List<? extends ServerFrame> batch) {
            return true;
        }

        @Override
        public boolean deliverPaced(ServerFrame frame) {
            return true;
        }

        @Override
        public void enterRoom(RoomLog.Reader reader) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void openRoom(List<? extends ServerFrame> welcome) {
        }

        @Override
        public void leaveRoom() {
        }
    }
}
