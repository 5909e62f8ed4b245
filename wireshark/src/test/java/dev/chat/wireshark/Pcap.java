package dev.chat.wireshark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic pcap files (what tcpdump writes with -w): read into packets, written back after a test
 * has changed them, and made from raw IPv4 packets (link type RAW) for synthetic captures.
 */
final class Pcap {
    static final int LINK_RAW = 101;
    private static final int MAGIC = 0xa1b2c3d4;

    /** One record: its link-layer frame and its timestamp. */
    record Packet(long seconds, int micros, byte[] data) {
    }

    final int linkType;
    final List<Packet> packets;

    Pcap(int linkType, List<Packet> packets) {
        this.linkType = linkType;
        this.packets = packets;
    }

    static Pcap read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != MAGIC) {
            in.order(ByteOrder.BIG_ENDIAN);
        }
        if (in.getInt(0) != MAGIC) {
            throw new IOException(file + " is not a classic pcap file (microsecond, either byte order)");
        }
        int linkType = in.getInt(20);
        in.position(24);
        List<Packet> packets = new ArrayList<>();
        while (in.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            int micros = in.getInt();
            int captured = in.getInt();
            in.getInt();
            byte[] data = new byte[captured];
            in.get(data);
            packets.add(new Packet(seconds, micros, data));
        }
        return new Pcap(linkType, packets);
    }

    /** Where the IPv4 header starts in this capture's frames: after Ethernet (lo), Linux cooked, or at 0. */
    int ipOffset() {
        return switch (linkType) {
            case 1 -> 14;
            case 113 -> 16;
            case LINK_RAW -> 0;
            default -> throw new IllegalStateException("link type " + linkType + " is not handled");
        };
    }

    /** The same capture with only the packets of one IP protocol (6 TCP, 17 UDP). */
    Pcap only(int ipProtocol) {
        int at = ipOffset() + 9;
        return new Pcap(linkType, packets.stream()
                .filter(p -> p.data().length > at && (p.data()[at] & 0xff) == ipProtocol).toList());
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.write(header.array());
        for (Packet p : packets) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt((int) p.seconds()).putInt(p.micros()).putInt(p.data().length).putInt(p.data().length);
            out.write(record.array());
            out.write(p.data());
        }
        Files.write(file, out.toByteArray());
    }

    /** An IPv4 UDP packet between two loopback ports (checksum 0: none). */
    static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        return ipv4(17, udp.array());
    }

    /** An IPv4 TCP segment (PSH|ACK) at sequence number seq; the checksum is left 0 (unchecked by default). */
    static byte[] tcp(int sourcePort, int destinationPort, long seq, byte[] payload) {
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) seq).putInt(1)
                .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                .put(payload);
        return ipv4(6, tcp.array());
    }

    private static byte[] ipv4(int protocol, byte[] body) {
        ByteBuffer ip = ByteBuffer.allocate(20 + body.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putInt(0).put((byte) 64)
                .put((byte) protocol).putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1})
                .put(body);
        return ip.array();
    }
}
