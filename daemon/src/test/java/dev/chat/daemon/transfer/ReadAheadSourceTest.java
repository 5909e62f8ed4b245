package dev.chat.daemon.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ReadAheadSourceTest {
    @TempDir
    Path dir;

    @Test
    void sequentialChunksRetransmissionsAndTheTailReadTheRightBytes() throws Exception {
        byte[] data = new byte[200_000];
        new Random(9).nextBytes(data);
        Path path = dir.resolve("f.bin");
        Files.write(path, data);
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            ReadAheadSource source = new ReadAheadSource(file);
            int[] offsets = {0, 1200, 2400, 66_000, 67_200, 1200 /* a retransmission behind the window */,
                    198_800 /* the last, short chunk */, 3600};
            for (int offset : offsets) {
                int length = Math.min(1200, data.length - offset);
                ByteBuffer dst = ByteBuffer.allocate(length);
                source.read(offset, dst);
                assertArrayEquals(Arrays.copyOfRange(data, offset, offset + length), dst.array(), "at " + offset);
            }
        }
    }
}
