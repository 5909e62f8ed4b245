package dev.chat.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A raw IRC connection for loopback tests: lines out, lines in, waiting for the one a test expects. */
final class IrcClient implements AutoCloseable {
    private static final int MAX_SKIPPED = 200;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** Every line read, for failure messages. */
    final List<String> seen = new ArrayList<>();

    IrcClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) AttackHarness.scaled(java.time.Duration.ofSeconds(5)).toMillis());
        socket.setSoTimeout((int) AttackHarness.scaled(java.time.Duration.ofSeconds(5)).toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Registers as {@code nick} asking for {@code caps} (none: no CAP at all) and reads up to the end of NAMES. */
    static IrcClient registered(int port, String nick, String caps) throws IOException {
        IrcClient irc = new IrcClient(port);
        if (!caps.isEmpty()) {
            irc.send("CAP LS 302");
            irc.send("CAP REQ :" + caps);
        }
        irc.send("NICK " + nick);
        irc.send("USER " + nick + " 0 * :" + nick);
        if (!caps.isEmpty()) {
            irc.expect(l -> l.contains(" ACK "));
            irc.send("CAP END");
        }
        irc.expect(l -> l.contains(" 366 "));
        return irc;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line matching {@code wanted}, skipping others; fails at the end of the stream. */
    String expect(Predicate<String> wanted) throws IOException {
        for (int i = 0; i < MAX_SKIPPED; i++) {
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("stream ended; seen: " + seen);
            }
            seen.add(line);
            if (line.startsWith("PING ")) {
                send("PONG " + line.substring(5));
            }
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("not found; seen: " + seen);
    }

    /** The next line containing {@code part}. */
    String expect(String part) throws IOException {
        return expect(l -> l.contains(part));
    }

    /** True once the daemon closed the connection (lines before the end are skipped). */
    boolean closedByDaemon() throws IOException {
        for (int i = 0; i < MAX_SKIPPED; i++) {
            String line = in.readLine();
            if (line == null) {
                return true;
            }
            seen.add(line);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
