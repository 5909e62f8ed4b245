package dev.chat.client;

import dev.chat.wire.udp.RudpWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Downloads over a TCP data connection from a real daemon on loopback. */
@Timeout(60)
class TcpDownloadTest extends DownloadFixture {
    private static final int P = RudpWire.DEFAULT_PAYLOAD;

    @Test
    void filesOfEveryBoundarySizeArriveByteIdentical() throws Exception {
        start();
        ChatClient alice = join("alice");
        int[] sizes = {0, 1, P - 1, P, P + 1, 8 << 20};
        for (int size : sizes) {
            byte[] data = share("f" + size + ".bin", size, size);
            DownloadResult result = fetchAndCheck(alice, "f" + size + ".bin", TransferProtocol.TCP, data);
            assertEquals(downloads.resolve("f" + size + ".bin"), result.file());
            assertEquals(false, Files.exists(downloads.resolve("f" + size + ".bin.part")));
        }
    }
}
