package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender against single crafted datagrams (PROTOCOL.md §16.8.2–16.8.4), with a fixed clock:
 * what each repeated handshake, each lying ACK and each too-small window earns.
 */
final class SenderRulesTest {
    private static final long CONN = 77;
    private static final RudpKeys KEYS = SampleDatagrams.KEYS;
    private static final int PAYLOAD = RudpWire.DEFAULT_PAYLOAD;
    private static final long NOW = 1_000_000;

    private final byte[] file = MemoryFile.randomBytes(100 * PAYLOAD, 3);
    private final RudpSender sender = new RudpSender(RudpConfig.defaults(), CONN, KEYS, MemoryFile.source(file),
            file.length, NOW);
    private final DatagramWriter writer = DatagramWriter.toSender(KEYS);
    private final DatagramReader reader = DatagramReader.fromSender(KEYS);
    private final ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
    private final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
    private long receiverPacket;

    private void handshake(long window, int maxPayload) {
        writer.handshake(in, CONN, receiverPacket++, 0, window, maxPayload, 5000, null);
        sender.onDatagram(in, NOW);
    }

    private void ack(long cumulative, long window, long[] starts, long[] ends) {
        writer.ack(in, CONN, receiverPacket++, cumulative, 1, 0, window, false, starts, ends, starts.length);
        sender.onDatagram(in, NOW);
    }

    /** The reason of the last RESET {@link #polled} saw. */
    private FailureReason reset;

    /** Types of every datagram the sender writes at {@link #NOW}. */
    private List<PacketType> polled() {
        List<PacketType> types = new ArrayList<>();
        while (sender.poll(NOW, out)) {
            assertEquals(ParseStatus.OK, reader.parse(out));
            types.add(reader.type);
            if (reader.type == PacketType.RESET) {
                reset = FailureReason.fromCode(reader.resetCode);
            }
        }
        return types;
    }

    private long sentEnd() {
        return (long) PAYLOAD * polled().stream().filter(t -> t == PacketType.DATA).count();
    }

    @Test
    void everyHandshakeIsAnsweredEvenWhenRepeatsArriveBeforeTheSenderPolls() {
        handshake(1 << 20, PAYLOAD);
        handshake(1 << 20, PAYLOAD); // the receiver's repeat, microseconds later: both are in before the poll
        handshake(1 << 20, PAYLOAD);
        List<PacketType> sent = polled();
        assertEquals(3, sent.stream().filter(t -> t == PacketType.HANDSHAKE_ACK).count(), () -> "sent " + sent);
    }

    @Test
    void anAckClaimingBytesNeverSentFailsTheTransferWithResetProtocolViolation() {
        handshake(1 << 20, PAYLOAD);
        long sent = sentEnd();
        assertTrue(sent > 0 && sent < file.length);
        ack(sent + PAYLOAD, 1 << 20, new long[0], new long[0]);
        assertEquals(List.of(PacketType.RESET), polled());
        assertEquals(FailureReason.PROTOCOL_VIOLATION, reset);
        assertEquals(Optional.of(new TransferFailure(FailureReason.PROTOCOL_VIOLATION, false)), sender.failure());
    }

    @Test
    void anAckWhoseRangeEndsBeyondTheBytesSentIsAProtocolViolation() {
        handshake(1 << 20, PAYLOAD);
        long sent = sentEnd();
        ack(0, 1 << 20, new long[] {sent - PAYLOAD}, new long[] {sent + PAYLOAD});
        assertEquals(List.of(PacketType.RESET), polled());
        assertEquals(FailureReason.PROTOCOL_VIOLATION, reset);
    }

    @Test
    void anAckForEveryByteSentSoFarIsAccepted() {
        handshake(1 << 20, PAYLOAD);
        long sent = sentEnd();
        ack(sent, 1 << 20, new long[0], new long[0]);
        assertEquals(RudpSender.State.SENDING, sender.state());
        assertEquals(sent, sender.stats().bytesAcked());
    }

    @Test
    void anAckAdvertisingAWindowBelowOnePayloadIsAProtocolViolation() {
        handshake(1 << 20, PAYLOAD);
        sentEnd();
        ack(PAYLOAD, PAYLOAD - 1, new long[0], new long[0]);
        assertEquals(List.of(PacketType.RESET), polled());
        assertEquals(FailureReason.PROTOCOL_VIOLATION, reset);
    }

    @Test
    void aHandshakeOfferingAWindowBelowItsMaxPayloadIsDroppedAndTheSenderKeepsWaiting() {
        handshake(PAYLOAD - 1, PAYLOAD);
        assertEquals(List.of(), polled());
        assertEquals(RudpSender.State.AWAIT_HANDSHAKE, sender.state());
        assertEquals(1, sender.stats().droppedDatagrams());
        handshake(PAYLOAD, PAYLOAD); // the smallest legal window: one payload
        assertEquals(PacketType.HANDSHAKE_ACK, polled().get(0));
    }
}
