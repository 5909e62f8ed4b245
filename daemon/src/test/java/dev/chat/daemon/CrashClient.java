package dev.chat.daemon;

import dev.chat.wire.frame.Welcome;

import java.io.IOException;

/**
 * Run in a separate JVM by a test that kills it with SIGKILL: joins as the given name, prints
 * "joined", then blocks reading until killed (or until 60 s pass, so a leaked process ends).
 */
public final class CrashClient {
    private CrashClient() {
    }

    public static void main(String[] args) throws IOException {
        TestClient client = TestClient.joined(Integer.parseInt(args[0]), args[1]);
        System.out.println("joined");
        System.out.flush();
        client.socket().setSoTimeout(60_000);
        try {
            while (true) {
                if (client.next() instanceof Welcome) {
                    break;
                }
            }
        } catch (IOException e) {
            // Killed, or the 60 s are over.
        }
    }
}
