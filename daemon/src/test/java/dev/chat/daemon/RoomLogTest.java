package dev.chat.daemon;

import dev.chat.wire.frame.UserJoined;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomLogTest {
    private final List<Runnable> rounds = new ArrayList<>();
    private final RoomLog room = new RoomLog(new WakeRounds((round, delay) -> rounds.add(round), () -> 0));
    private final Peer someone = new RecordingPeer();

    private long append(String name) {
        return room.append(new SharedFrame(new UserJoined(name)), someone, 10);
    }

    @Test
    void aReaderSeesEveryEventAfterItsCreationInOrderAcrossSegments() {
        append("before");
        RoomLog.Reader reader = room.reader(someone);
        int events = RoomLog.SEGMENT_EVENTS * 2 + 3;
        for (int i = 0; i < events; i++) {
            append("u" + i);
        }
        List<String> seen = new ArrayList<>();
        for (RoomLog.Event e = reader.next(); e != null; e = reader.next()) {
            seen.add(((UserJoined) e.frame().frame()).name());
        }
        assertEquals(events, seen.size());
        assertEquals("u0", seen.get(0));
        assertEquals("u" + (events - 1), seen.get(events - 1));
        assertFalse(reader.hasNext());
        assertEquals(room.head(), reader.cursor());
    }

    @Test
    void sequenceNumbersStartAtOneAndAReaderStartsAfterTheHead() {
        assertEquals(0, room.head());
        assertEquals(1, append("a"));
        RoomLog.Reader reader = room.reader(someone);
        assertEquals(2, reader.firstSeq());
        assertNull(reader.next());
        assertEquals(2, append("b"));
        assertEquals(2, reader.next().seq());
    }

    @Test
    void retainedBytesAreWhatTheSlowestReaderHasNotRead() {
        RoomLog.Reader fast = room.reader(someone);
        Peer slowPeer = new RecordingPeer();
        RoomLog.Reader slow = room.reader(slowPeer);
        for (int i = 0; i < 5; i++) {
            append("u" + i);
        }
        while (fast.next() != null) {
            // the fast reader keeps up
        }
        slow.next();
        assertEquals(40, room.retainedBytes());
        assertEquals(List.of(slowPeer), room.slowestReaders());
        slow.close();
        assertEquals(0, room.retainedBytes(), "a closed reader holds nothing");
        assertEquals(List.of(), room.slowestReaders(), "nobody is behind");
    }

    @Test
    void aSleeperIsWokenOnceByTheNextAppend() {
        int[] wakes = new int[1];
        room.wakeOnAppend(() -> wakes[0]++);
        append("a");
        append("b");
        assertEquals(1, rounds.size(), "one round for both appends");
        rounds.forEach(Runnable::run);
        assertEquals(1, wakes[0]);
        assertTrue(room.readerCount() == 0);
    }
}
