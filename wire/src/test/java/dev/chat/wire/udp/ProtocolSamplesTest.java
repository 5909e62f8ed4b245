package dev.chat.wire.udp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample datagrams in PROTOCOL.md §16.8.1 are what {@link DatagramWriter} writes: the test
 * renders them from the code and compares them with the block between the markers, so that the
 * specification and the code cannot drift apart. On a deliberate change, paste the expected block.
 */
final class ProtocolSamplesTest {
    private static final String BEGIN = "<!-- rudp-samples:begin (generated: ProtocolSamplesTest) -->\n```\n";
    private static final String END = "```\n<!-- rudp-samples:end -->";

    @Test
    void theSpecificationShowsTheDatagramsTheCodeWrites() throws IOException {
        String spec = Files.readString(Path.of("PROTOCOL.md"), StandardCharsets.UTF_8); // the module's folder
        int begin = spec.indexOf(BEGIN);
        int end = spec.indexOf(END, begin);
        assertTrue(begin >= 0 && end > begin, "PROTOCOL.md lacks the rudp-samples markers");
        assertEquals(SampleDatagrams.render(), spec.substring(begin + BEGIN.length(), end));
    }
}
