package dev.chat.bench;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Frame encode and decode per second: a typical chat line (about 50 ASCII bytes) and a maximal
 * one (4096 bytes of text, mixed ASCII, Hebrew and emoji, so that escaping and UTF-8 both work).
 * The daemon decodes {@code send} and encodes {@code message}; the client does the reverse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    @Param({"typical", "maximal"})
    public String size;

    private final JsonCodec codec = JsonCodec.instance();
    private Send send;
    private Message message;
    private byte[] sendLine;
    private byte[] messageLine;

    @Setup
    public void setUp() {
        String text = size.equals("typical") ? "lunch at noon? the usual place, I'll book a table" : maximalText();
        send = new Send(42, "all", text);
        message = new Message("alice", "all", text, 1_700_000_000_123L);
        sendLine = strip(codec.encodeFrame(send));
        messageLine = strip(codec.encodeFrame(message));
    }

    /** 4096 UTF-8 bytes exactly: the longest text a frame may carry. */
    static String maximalText() {
        StringBuilder sb = new StringBuilder();
        String unit = "hello \"world\" \\ שלום 👋 ";
        while (sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + unit.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length <= Limits.MAX_TEXT_BYTES) {
            sb.append(unit);
        }
        while (sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < Limits.MAX_TEXT_BYTES) {
            sb.append('x');
        }
        return sb.toString();
    }

    private static byte[] strip(byte[] line) {
        return Arrays.copyOf(line, line.length - 1); // decoders get lines without the newline
    }

    @Benchmark
    public byte[] encodeMessage() {
        return codec.encodeFrame(message);
    }

    @Benchmark
    public byte[] encodeSend() {
        return codec.encodeFrame(send);
    }

    @Benchmark
    public ClientFrame decodeSend() {
        return codec.decodeClient(ByteBuffer.wrap(sendLine));
    }

    @Benchmark
    public ServerFrame decodeMessage() {
        return codec.decodeServer(ByteBuffer.wrap(messageLine));
    }
}
