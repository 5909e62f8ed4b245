package dev.chat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough of an IRC server for the generator's smoke test: 001 after NICK and USER, 366 after
 * JOIN, PRIVMSG relayed to the channel's other members or to one nick, and a PING to each client
 * after it joins (which must be answered with PONG).
 */
final class FakeIrcServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, OutputStream> clients = new ConcurrentHashMap<>();
    final Map<String, Boolean> ponged = new ConcurrentHashMap<>();

    FakeIrcServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket socket) {
        String nick = null;
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ", 3);
                switch (words[0]) {
                    case "NICK" -> nick = words[1];
                    case "USER" -> send(out, ":fake 001 " + nick + " :welcome");
                    case "JOIN" -> {
                        clients.put(nick, out);
                        send(out, ":fake 366 " + nick + " #bench :End of /NAMES list.");
                        send(out, "PING :fake");
                    }
                    case "PONG" -> ponged.put(nick, true);
                    case "PRIVMSG" -> relay(nick, words[1], words[2]);
                    default -> send(out, ":fake 421 " + nick + " " + words[0] + " :Unknown command");
                }
            }
        } catch (IOException e) {
            // client gone
        } finally {
            if (nick != null) {
                clients.remove(nick);
            }
        }
    }

    private void relay(String from, String target, String text) throws IOException {
        String line = ":" + from + "!" + from + "@127.0.0.1 PRIVMSG " + target + " " + text;
        if (target.startsWith("#")) {
            for (var e : clients.entrySet()) {
                if (!e.getKey().equals(from)) {
                    send(e.getValue(), line);
                }
            }
        } else if (clients.containsKey(target)) {
            send(clients.get(target), line);
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
