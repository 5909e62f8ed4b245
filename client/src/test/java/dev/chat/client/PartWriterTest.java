package dev.chat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PartWriterTest {
    @TempDir
    Path dir;

    private static ByteBuffer chunk(int offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (offset + i);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void inOrderChunksAreGatheredAndTheFlushedPrefixOnlyCountsWhatIsInTheFile() throws Exception {
        Path part = dir.resolve("a.part");
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            PartWriter writer = new PartWriter(file, 0);
            writer.write(0, chunk(0, 1200));
            writer.write(1200, chunk(1200, 1200));
            assertEquals(2400, writer.prefixEnd());
            assertEquals(0, writer.flushedPrefix(), "still gathered, not yet in the file");
            assertEquals(0, Files.size(part));
            writer.flush();
            assertEquals(2400, writer.flushedPrefix());
            assertEquals(2400, Files.size(part));
        }
    }

    @Test
    void aChunkAboveAGapGoesStraightToItsOffsetAndTheGapFillerJoinsTheRanges() throws Exception {
        Path part = dir.resolve("b.part");
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            PartWriter writer = new PartWriter(file, 0);
            writer.write(0, chunk(0, 100));
            writer.write(200, chunk(200, 100)); // above the gap [100, 200)
            assertEquals(100, writer.prefixEnd());
            writer.write(100, chunk(100, 100)); // fills it
            assertEquals(300, writer.prefixEnd());
            writer.flush();
            byte[] expected = new byte[300];
            for (int i = 0; i < 300; i++) {
                expected[i] = (byte) i;
            }
            assertArrayEquals(expected, Files.readAllBytes(part));
        }
    }

    @Test
    void aResumedPartStartsItsPrefixAtTheResumeOffsetAndAFullGatherIsWritten() throws Exception {
        Path part = dir.resolve("c.part");
        Files.write(part, new byte[1000]);
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.WRITE)) {
            PartWriter writer = new PartWriter(file, 1000);
            assertEquals(1000, writer.flushedPrefix());
            int at = 1000;
            for (int i = 0; i < 300; i++) { // 360,000 bytes: more than one gather buffer
                writer.write(at, chunk(at, 1200));
                at += 1200;
            }
            assertEquals(at, writer.prefixEnd());
            long flushed = writer.flushedPrefix();
            assertEquals(flushed, Files.size(part), "what is flushed is exactly what the file holds");
            writer.flush();
            assertEquals(at, Files.size(part));
        }
    }
}
