package dev.chat.wire.udp;

/**
 * CRC32C computed bit by bit from its definition (Castagnoli polynomial 0x1EDC6F41, reflected
 * 0x82F63B78, initial value and final XOR 0xFFFFFFFF): independent of {@code java.util.zip.CRC32C},
 * so that golden tests check the checksum and not only the code against itself.
 */
final class BitwiseCrc32c {
    private BitwiseCrc32c() {
    }

    static int of(byte[] data, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc;
    }
}
