package dev.chat.wire.irc;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Any bytes into the IRC parser: the only exception is the typed {@link IrcSyntaxException}, and a
 * message it accepts writes (when it fits) and parses back to itself. A normal {@code mvn test}
 * replays the committed seeds in {@code src/test/resources/dev/chat/wire/irc/IrcParserFuzzTestInputs/};
 * {@code scripts/fuzz} fuzzes.
 */
final class IrcParserFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parserOnlyFailsWithTypedErrorsAndWhatItAcceptsRoundTrips(FuzzedDataProvider data) {
        byte[] line = data.consumeRemainingAsBytes();
        IrcMessage message;
        try {
            message = IrcParser.parse(ByteBuffer.wrap(line));
        } catch (IrcSyntaxException e) {
            return; // typed: the daemon maps each kind to a numeric
        }
        if (IrcWriter.bodyBytes(message) > IrcParser.MAX_BODY_BYTES) {
            return; // the ':' the writer adds to a trailing text may push a 510-byte line over
        }
        byte[] written = IrcWriter.encode(message);
        IrcMessage again = IrcParser.parse(ByteBuffer.wrap(written, 0, written.length - 2));
        assertEquals(message, again, new String(line, StandardCharsets.UTF_8));
    }
}
