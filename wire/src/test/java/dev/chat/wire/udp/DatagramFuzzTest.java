package dev.chat.wire.udp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz targets for the reliable-UDP receive path: the datagram parser and the receiver's state
 * machine. The parser never throws and accepts only what the layout allows; the receiver, fed any
 * sequence of datagrams and clock steps, keeps its invariants: it writes only inside
 * [start, size) and each byte at most once, its cumulative ack never decreases nor passes the file
 * size, it holds at most a window's worth of ranges, and it moves only along legal transitions.
 *
 * <p>Seeds: {@code src/test/resources/dev/chat/wire/udp/DatagramFuzzTestInputs/<method>/};
 * {@code scripts/fuzz} fuzzes.
 */
final class DatagramFuzzTest {
    private static final long CONNECTION = 0x1234_5678_9ABCL;
    private static final RudpKeys KEYS = RudpKeys.derive(new byte[RudpKeys.SECRET_BYTES], CONNECTION);
    private static final long MS = 1_000_000L;

    /** Raw bytes, and the same bytes sealed under the keys so the fuzzer gets past the tag. */
    @FuzzTest(maxDuration = "10m")
    void parserNeverThrowsAndAcceptsOnlyTheLayout(byte[] bytes) {
        DatagramReader reader = DatagramReader.fromSender(KEYS);
        checkParsed(reader, ByteBuffer.wrap(bytes.clone()));
        if (bytes.length >= RudpWire.HEADER_BYTES + RudpWire.TAG_BYTES) {
            checkParsed(reader, sealed(bytes));
        }
    }

    /**
     * A receiver fed a fuzzed sequence: well-formed datagrams with fuzzed fields (the ones that
     * get past the parser), raw bytes, corrupted copies, replays, and clock steps.
     */
    @FuzzTest(maxDuration = "10m")
    void receiverKeepsItsInvariants(FuzzedDataProvider data) {
        int payload = data.consumeInt(RudpWire.MIN_PAYLOAD, 256);
        int window = data.consumeInt(payload, payload * 16);
        long fileSize = data.consumeLong(0, 1 << 16);
        long start = data.consumeLong(0, fileSize);
        RudpConfig config = RudpConfig.defaults().withPayloadSize(payload).withReceiveWindow(window)
                .withIdleTimeout(Duration.ofSeconds(2)).withMaxSackRanges(data.consumeInt(1, 8));
        Harness h = new Harness(config, start, fileSize, window);
        DatagramWriter writer = DatagramWriter.toReceiver(KEYS);
        ByteBuffer d = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        ByteBuffer last = null;
        for (int step = 0; step < 400 && data.remainingBytes() > 0; step++) {
            long packet = data.consumeLong(0, 1_000);
            switch (data.consumeInt(0, 9)) {
                case 0 -> writer.handshakeAck(d, CONNECTION, packet, pick(data, fileSize), pick(data, start),
                        data.consumeBoolean() ? payload : data.consumeInt(0, 0xFFFF), packet);
                case 1, 2, 3 -> {
                    long chunk = data.consumeLong(0, Math.max(0, (fileSize - start) / payload + 1));
                    long offset = data.consumeInt(0, 20) == 0 ? data.consumeLong(0, Long.MAX_VALUE)
                            : start + chunk * payload;
                    int length = data.consumeBoolean() ? (int) Math.max(1, Math.min(payload, fileSize - offset))
                            : data.consumeInt(1, payload + 2);
                    writer.beginData(d, data.consumeBoolean() ? CONNECTION : packet, packet, offset, length);
                    d.put(new byte[length]);
                    writer.finishData(d);
                }
                case 4 -> writer.close(d, CONNECTION, packet, pick(data, fileSize));
                case 5 -> writer.reset(d, CONNECTION, packet, FailureReason.values()[data.consumeInt(0, 6)]);
                case 6 -> {
                    byte[] raw = data.consumeBytes(200);
                    d = raw.length >= RudpWire.HEADER_BYTES + RudpWire.TAG_BYTES ? sealed(raw) : ByteBuffer.wrap(raw);
                }
                case 7 -> {
                    if (last == null || last.limit() == 0) {
                        continue;
                    }
                    d = last.duplicate(); // a replay
                    int at = data.consumeInt(0, d.limit() - 1);
                    if (data.consumeBoolean()) {
                        d.put(at, (byte) (d.get(at) ^ 0x40)); // corrupted: the tag no longer verifies
                    } else {
                        d.limit(at); // truncated
                    }
                }
                case 8 -> {
                    h.advance(data.consumeLong(0, 3_000) * MS);
                    h.pollAll();
                    continue;
                }
                default -> {
                    if (data.consumeBoolean()) {
                        h.receiver.abort();
                    }
                    h.pollAll();
                    continue;
                }
            }
            last = copy(d);
            h.feed(d);
            d = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        }
        h.advance(10_000 * MS);
        h.pollAll();
        assertTrue(h.receiver.isDone(), "the idle timeout ends every transfer");
    }

    /** Whatever the input: a status, no exception, and OK only for a layout the protocol allows. */
    private static void checkParsed(DatagramReader reader, ByteBuffer d) {
        int position = d.position();
        int limit = d.limit();
        ParseStatus status = reader.parse(d);
        assertEquals(position, d.position(), "parse leaves the position");
        assertEquals(limit, d.limit(), "parse leaves the limit");
        if (status != ParseStatus.OK) {
            return;
        }
        assertTrue(reader.connectionId != RudpWire.NO_CONNECTION && reader.packetNumber >= 0);
        switch (reader.type) {
            case DATA -> {
                assertTrue(reader.offset >= 0 && reader.payloadLength > 0);
                assertEquals(limit - RudpWire.TAG_BYTES, reader.payloadPosition + reader.payloadLength);
            }
            case ACK -> {
                assertTrue(reader.rangeCount <= RudpWire.MAX_SACK_RANGES && reader.cumulative >= 0);
                long previous = reader.cumulative;
                for (int i = 0; i < reader.rangeCount; i++) {
                    assertTrue(reader.rangeStart[i] > previous && reader.rangeEnd[i] > reader.rangeStart[i]);
                    previous = reader.rangeEnd[i];
                }
            }
            case HANDSHAKE_ACK -> assertTrue(reader.startOffset >= 0 && reader.startOffset <= reader.fileSize
                    && reader.payloadSize >= RudpWire.MIN_PAYLOAD && reader.payloadSize <= RudpWire.MAX_PAYLOAD);
            case HANDSHAKE -> assertTrue(reader.startOffset >= 0 && reader.maxPayload >= RudpWire.MIN_PAYLOAD);
            default -> {
            }
        }
    }

    private static long pick(FuzzedDataProvider data, long usual) {
        return data.consumeInt(0, 8) == 0 ? data.consumeLong(-1, Long.MAX_VALUE) : usual;
    }

    /** {@code bytes} with the body before its last 16 bytes sealed as the sender (or the RETRY key) would. */
    private static ByteBuffer sealed(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes.clone());
        RudpKeys.Direction keys = (b.get(3) & 0xFF) == PacketType.RETRY.code ? KEYS.retry : KEYS.toReceiver;
        new PacketProtection(keys).seal(b, 0, bytes.length - RudpWire.TAG_BYTES, b.getLong(12));
        return b;
    }

    private static ByteBuffer copy(ByteBuffer d) {
        ByteBuffer c = ByteBuffer.allocate(d.remaining());
        c.put(d.duplicate()).flip();
        return c;
    }

    /** The receiver under test, its sink, its clock, and the invariants checked after every step. */
    private static final class Harness {
        final RudpReceiver receiver;
        private final long start;
        private final long window;
        private final BitSet written = new BitSet();
        private final DatagramReader ackReader = DatagramReader.fromReceiver(KEYS);
        private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        private long now = 1_000 * MS;
        private long lastCumulative;
        private long writtenBytes;
        private RudpReceiver.State state = RudpReceiver.State.HANDSHAKING;

        Harness(RudpConfig config, long start, long fileSize, long window) {
            this.start = start;
            this.window = window;
            this.lastCumulative = start;
            this.receiver = new RudpReceiver(config, CONNECTION, KEYS, start, this::write, now);
        }

        private void write(long offset, ByteBuffer src) {
            long size = receiver.fileSize();
            int length = src.remaining();
            assertTrue(size >= 0, "a write before the handshake-ack");
            assertTrue(offset >= start && offset + length <= size,
                    () -> "a write of [" + offset + ", " + (offset + length) + ") outside [" + start + ", " + size + ")");
            long cumulative = written.nextClearBit((int) start);
            assertTrue(offset + length <= cumulative + window, "a write beyond the receive window");
            BitSet chunk = written.get((int) offset, (int) (offset + length));
            assertTrue(chunk.isEmpty(), () -> "bytes at " + offset + " written twice");
            written.set((int) offset, (int) (offset + length));
            writtenBytes += length;
            assertTrue(writtenBytes <= size - start, "more bytes written than the file has");
        }

        void advance(long nanos) {
            now += nanos;
        }

        void feed(ByteBuffer d) {
            receiver.onDatagram(d, now);
            checkState();
        }

        void pollAll() {
            for (int i = 0; i < 8 && receiver.poll(now, out); i++) {
                if (ackReader.parse(out) == ParseStatus.OK && ackReader.type == PacketType.ACK) {
                    long cumulative = ackReader.cumulative;
                    assertTrue(cumulative >= lastCumulative, "the cumulative ack went back");
                    assertTrue(cumulative <= receiver.fileSize(), "the cumulative ack passed the file size");
                    assertTrue(written.nextClearBit((int) start) >= cumulative, "acked bytes that were not written");
                    lastCumulative = cumulative;
                }
                checkState();
            }
            checkState();
        }

        private void checkState() {
            RudpReceiver.State next = receiver.state();
            boolean legal = next == state
                    || next == RudpReceiver.State.FAILED && state != RudpReceiver.State.DONE
                    || state == RudpReceiver.State.HANDSHAKING && next == RudpReceiver.State.RECEIVING
                    || state == RudpReceiver.State.RECEIVING && next == RudpReceiver.State.DONE;
            if (!legal) {
                fail("illegal transition " + state + " -> " + next);
            }
            if (next == RudpReceiver.State.DONE) {
                assertTrue(receiver.isComplete(), "done without every byte");
                assertEquals(receiver.fileSize() - start, writtenBytes, "done without every byte written");
            }
            assertTrue(receiver.heldRanges() <= window / RudpWire.MIN_PAYLOAD + 1, "ranges beyond the window");
            state = next;
        }
    }
}
