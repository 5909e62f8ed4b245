package dev.chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal IRC client (RFC 2812 subset): NICK and USER, wait for 001, JOIN the one channel and
 * wait for the end of its NAMES (366); PRIVMSG to the channel is the broadcast, PRIVMSG to a nick
 * the private message; PING is answered with PONG. Numeric replies 400..599 count as errors.
 */
final class IrcLoadClient extends LoadClient {
    static final String CHANNEL = "#bench";
    private static final byte[] PRIVMSG = bytes(" PRIVMSG ");
    private static final byte[] PING = bytes("PING ");
    private static final byte[] ERROR = bytes("ERROR ");

    IrcLoadClient(InetSocketAddress server) throws IOException {
        super(server, null);
    }

    @Override
    void join(String name, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        write("NICK " + name + "\r\nUSER " + name + " 0 * :bench load generator\r\n");
        try {
            awaitNumeric("001");
            write("JOIN " + CHANNEL + "\r\n");
            awaitNumeric("366");
        } catch (SocketTimeoutException e) {
            throw new IOException("IRC registration or JOIN took over " + timeoutMillis + " ms", e);
        }
    }

    private void awaitNumeric(String numeric) throws IOException {
        while (true) {
            String line = handshakeLine();
            if (line.startsWith("PING ")) {
                write("PONG " + line.substring(5) + "\r\n");
                continue;
            }
            if (line.startsWith("ERROR ")) {
                throw new IOException("server closed: " + line);
            }
            String[] words = line.split(" ", 3);
            if (words.length >= 2 && words[1].equals(numeric)) {
                return;
            }
            if (words.length >= 2 && words[1].length() == 3 && (words[1].charAt(0) == '4' || words[1].charAt(0) == '5')) {
                throw new IOException("IRC error during join: " + line);
            }
        }
    }

    @Override
    void sendBroadcast(String text) throws IOException {
        write("PRIVMSG " + CHANNEL + " :" + text + "\r\n");
    }

    @Override
    void sayGoodbye() throws IOException {
        write("QUIT :bench done\r\n");
    }

    @Override
    void sendPrivate(String to, String text) throws IOException {
        write("PRIVMSG " + to + " :" + text + "\r\n");
    }

    @Override
    void onLine(ByteBuffer line, long receivedNanos, DeliverySink sink) throws IOException {
        if (Stamp.indexOf(line, PRIVMSG) >= 0) {
            long stamp = Stamp.find(line);
            if (stamp != Long.MIN_VALUE) {
                sink.delivered(stamp, receivedNanos);
            }
            return;
        }
        if (Stamp.startsWith(line, PING)) {
            String ping = StandardCharsets.UTF_8.decode(line).toString();
            write("PONG " + ping.substring(5) + "\r\n");
        } else if (Stamp.startsWith(line, ERROR) || isErrorNumeric(line)) {
            sink.error(StandardCharsets.UTF_8.decode(line).toString());
        }
    }

    /** {@code :server 4xx ...} or {@code :server 5xx ...}. */
    private static boolean isErrorNumeric(ByteBuffer line) {
        int p = line.position();
        int end = line.limit();
        if (p >= end || line.get(p) != ':') {
            return false;
        }
        int space = p;
        while (space < end && line.get(space) != ' ') {
            space++;
        }
        if (space + 4 >= end || line.get(space + 4) != ' ') {
            return false;
        }
        byte first = line.get(space + 1);
        return (first == '4' || first == '5') && Character.isDigit(line.get(space + 2)) && Character.isDigit(line.get(space + 3));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
