package dev.chat.wireshark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.chat.wireshark.Frames.first;
import static dev.chat.wireshark.Frames.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dissector over a session recorded from a real daemon and client (RecordedSession), on a
 * random port: the heuristics must find every connection, and the decoded values must be the ones
 * the session sent. tshark runs two passes (-2) so requests link forward to their replies.
 */
@Timeout(180)
final class RecordedSessionTest {
    private static RecordedSession session;

    @BeforeAll
    static void record() throws Exception {
        session = RecordedSession.get();
        assumeTrue(session != null, RecordedSession.skipReason());
    }


    @Test
    void aJoinIsAHelloLinkedToItsWelcomeWithTheResponseTime() throws Exception {
        Frames f = session.chat();
        Map<String, List<String>> hello = f.only("chatd.type", "hello", "chatd.name", "alice");
        assertEquals("1", first(hello, "chatd.id"));
        Map<String, List<String>> welcome = f.only("chatd.type", "welcome", "chatd.name", "alice");
        assertEquals("1", first(welcome, "chatd.re"));
        assertEquals("65536", first(welcome, "chatd.limits.max_line_bytes"));
        assertEquals(List.of("alice"), welcome.get("chatd.user"));
        assertEquals(number(hello), Integer.parseInt(first(welcome, "chatd.request_in")));
        assertEquals(number(welcome), Integer.parseInt(first(hello, "chatd.response_in")));
        assertTrue(Double.parseDouble(first(welcome, "chatd.time")) > 0, welcome.toString());
        assertFalse(f.where("chatd.type", "user_joined").isEmpty(), "alice hears bob join");
    }

    @Test
    void aPrivateMessageAndABroadcastShowTheirSendersRecipientsAndText() throws Exception {
        Frames f = session.chat();
        Map<String, List<String>> send = f.only("chatd.type", "send", "chatd.text", "hi bob");
        assertEquals("bob", first(send, "chatd.to"));
        Map<String, List<String>> message = f.only("chatd.type", "message", "chatd.text", "hi bob");
        assertEquals(List.of("alice"), message.get("chatd.from"));
        assertEquals(List.of("bob"), message.get("chatd.to"));
        Map<String, List<String>> broadcast = f.only("chatd.type", "send", "chatd.text", "hello everyone");
        assertEquals("all", first(broadcast, "chatd.to"));
        Map<String, List<String>> heard = f.only("chatd.type", "message", "chatd.text", "hello everyone");
        assertEquals(List.of("bob"), heard.get("chatd.from"));
        assertEquals(List.of("all"), heard.get("chatd.to"));
        assertFalse(f.where("chatd.type", "sent").isEmpty());
    }

    @Test
    void aTextModeSessionShowsItsNameAndItsLines() throws Exception {
        Frames f = session.chat();
        assertEquals("carol", first(f.only("chatd.text.kind", "name", "chatd.name", "carol"), "chatd.name"));
        assertEquals("carol", first(f.only("chatd.text.kind", "welcome", "chatd.name", "carol"), "chatd.name"));
        Map<String, List<String>> send = f.only("chatd.text.kind", "send", "chatd.text", "hi from nc");
        assertEquals("all", first(send, "chatd.to"));
    }

    @Test
    void aTcpDownloadShowsFetchAndDataHeadersThenTheFileBytesAtTheirOffsets() throws Exception {
        Frames grants = session.chat();
        String transfer = first(grants.only("chatd.type", "download_ready", "chatd.protocol", "tcp"), "chatd.transfer");
        Frames data = session.data();
        assertEquals(transfer, first(data.only("chatdata.type", "fetch", "chatdata.transfer", transfer), "chatdata.transfer"));
        Map<String, List<String>> header = data.only("chatdata.type", "data", "chatdata.transfer", transfer);
        assertEquals("0", first(header, "chatdata.offset"));
        assertEquals(Integer.toString(RecordedSession.TCP_SIZE), first(header, "chatdata.length"));
        long covered = 0;
        for (Map<String, List<String>> row : data.rows) {
            if (row.get("chatdata.file_offset").isEmpty()) {
                continue;
            }
            int offset = Integer.parseInt(first(row, "chatdata.file_offset"));
            byte[] bytes = HexFormat.of().parseHex(first(row, "chatdata.file_data"));
            assertEquals(offset + bytes.length, Integer.parseInt(first(row, "chatdata.file_end")));
            assertArrayEquals(java.util.Arrays.copyOfRange(session.tcpFile, offset, offset + bytes.length), bytes,
                    "file data at offset " + offset);
            covered += bytes.length;
        }
        assertEquals(RecordedSession.TCP_SIZE, covered, "every file byte shown once");
    }

    @Test
    void aLossyUdpDownloadIsDecryptedWithTheGrantsKeyAndShowsItsRetransmissions() throws Exception {
        Frames grants = session.chat();
        Map<String, List<String>> grant = grants.only("chatd.type", "download_ready", "chatd.protocol", "udp");
        String transfer = first(grant, "chatd.transfer");
        List<Map<String, List<String>>> transferRows = session.rudp().where("chatrudp.transfer", transfer);
        assertEquals(session.rudp().rows.size(), transferRows.size(), "one UDP transfer in the capture");
        Frames udp = session.rudp();
        for (Map<String, List<String>> row : udp.rows) {
            assertEquals(List.of("download_ready"), row.get("chatrudp.key_source"), row.toString());
            assertEquals(Integer.toString(number(grant)), first(row, "chatrudp.granted_in"));
            assertEquals(List.of("udp.bin"), row.get("chatrudp.file"));
        }
        assertEquals(List.of("good"), first2(udp.where("chatrudp.type", "1"), "chatrudp.tag.status"));
        assertFalse(udp.where("chatrudp.type", "8").isEmpty(), "the daemon validates the address with a RETRY");
        assertEquals(Integer.toString(RecordedSession.UDP_SIZE), first(udp.where("chatrudp.type", "2").get(0), "chatrudp.file_size"));
        List<Map<String, List<String>>> data = udp.where("chatrudp.type", "3");
        // the daemon drops 5% before sending: not every chunk's first copy is on the wire
        assertTrue(data.size() > RecordedSession.UDP_SIZE / 1200 / 2, "most chunks are in the capture: " + data.size());
        for (Map<String, List<String>> row : data) {
            if (!row.get("chatrudp.tag.status").contains("good")) {
                continue;
            }
            int offset = Integer.parseInt(first(row, "chatrudp.offset"));
            byte[] bytes = HexFormat.of().parseHex(first(row, "chatrudp.payload"));
            assertArrayEquals(java.util.Arrays.copyOfRange(session.udpFile, offset, offset + bytes.length), bytes,
                    "DATA at offset " + offset);
        }
        assertTrue(udp.rows.stream().anyMatch(r -> !r.get("chatrudp.duplicate_of").isEmpty()),
                "5% duplicates: some datagram is shown twice");
        assertFalse(udp.where("_ws.expert.message", "Out of order").isEmpty(), "5% reordering: some datagram overtakes");
        // --udp-loss drops before sending: the capture shows retransmitted chunks whose first copy it never saw
        assertTrue(udp.rows.stream().anyMatch(r -> r.get("_ws.expert.message").stream()
                .anyMatch(m -> m.startsWith("Retransmission"))), "5% loss: some chunk is sent again");
        assertTrue(udp.rows.stream().anyMatch(r -> r.get("_ws.expert.message").stream()
                .anyMatch(m -> m.endsWith("not captured (lost before the capture point)"))), "the gaps in packet numbers");
        assertFalse(udp.where("chatrudp.type", "4").stream().allMatch(r -> r.get("chatrudp.sack.start").isEmpty()),
                "with loss some ACK carries a SACK range");
    }

    private static List<String> first2(List<Map<String, List<String>>> rows, String field) {
        assertFalse(rows.isEmpty());
        return rows.get(0).get(field);
    }

    @Test
    void theClientsKeyLogDecryptsTheDatagramsWithoutTheChatConnection() throws Exception {
        Path udpOnly = session.dir.resolve("udp-only.pcap");
        Pcap.read(session.capture).only(17).write(udpOnly);
        Frames without = Frames.of(udpOnly, List.of(), "chatrudp.type == 3", "chatrudp.tag.status", "chatrudp.offset");
        assertFalse(without.rows.isEmpty());
        without.rows.forEach(r -> assertEquals(List.of("no key"), r.get("chatrudp.tag.status")));
        Frames with = Frames.of(udpOnly, List.of("CHAT_KEYLOGFILE=" + session.keyLog), "chatrudp.type == 3",
                "chatrudp.tag.status", "chatrudp.key_source", "chatrudp.offset");
        assertEquals(without.rows.size(), with.rows.size());
        with.rows.forEach(r -> assertEquals(List.of("key log"), r.get("chatrudp.key_source")));
        assertTrue(with.rows.stream().allMatch(r -> !r.get("chatrudp.offset").isEmpty()));
    }

    @Test
    void thePortPreferenceDecodesTheDaemonsPortWithoutTheHeuristics() throws Exception {
        List<String> noHeuristics = List.of("-o", "chatd.heuristics:FALSE");
        Frames unknownPort = Frames.of(session.capture, List.of(), noHeuristics, "chatd || chatrudp", "chatd.type");
        assertTrue(unknownPort.rows.isEmpty(), "without heuristics a random port is not chatd");
        List<String> byPort = List.of("-o", "chatd.heuristics:FALSE", "-o", "chatd.port:" + session.port,
                "-o", "chatrudp.decrypt_payload:FALSE");
        Frames f = Frames.of(session.capture, List.of(), byPort, "chatd.type == \"hello\" || chatrudp.type == 3",
                "chatd.name", "chatrudp.tag.status", "chatrudp.offset", "chatrudp.payload");
        assertEquals(List.of("alice"), f.where("chatd.name", "alice").get(0).get("chatd.name"));
        List<Map<String, List<String>>> data = f.where("chatrudp.tag.status", "good");
        assertTrue(data.size() > RecordedSession.UDP_SIZE / 1200 / 2, "DATA decoded on the daemon's port: " + data.size());
        assertTrue(data.stream().allMatch(r -> !r.get("chatrudp.offset").isEmpty() && r.get("chatrudp.payload").isEmpty()),
                "without payload decryption a DATA shows its offset, not its bytes");
    }

    @Test
    void aTlsTextSessionIsReadAsChatWhenWiresharkHasTheTlsSecrets() throws Exception {
        Path tlsKeys = session.dir.resolve("tls-keys.log");
        assumeTrue(Files.isRegularFile(tlsKeys), "openssl is not installed: no TLS session was recorded");
        List<String> options = List.of("-2", "-o", "chatd.port:" + session.port, "-o", "tls.keylog_file:" + tlsKeys,
                "-o", "chatrudp.decrypt_payload:FALSE", "-o", "chatrudp.verify_tags:FALSE");
        Frames f = Frames.of(session.capture, List.of(), options, "chatdtls", "frame.protocols", "chatd.text.kind",
                "chatd.name", "chatd.to", "chatd.text");
        assertEquals(List.of("all"), f.only("chatd.text.kind", "send", "chatd.text", "hello over tls").get("chatd.to"));
        assertEquals(List.of("dave"), f.only("chatd.text.kind", "name", "chatd.name", "dave").get("chatd.name"));
        Frames without = Frames.of(session.capture, List.of(), options.subList(0, 3), "chatdtls", "chatd.text");
        assertTrue(without.rows.isEmpty(), "without the TLS secrets nothing inside TLS is shown");
    }
}
