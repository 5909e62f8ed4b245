package dev.chat.client.tui;

import dev.chat.client.ClientOptions;

import java.nio.file.Path;

/**
 * Test-only launcher of the real full-screen client on the process's terminal, for the tmux test
 * (the product's entry point is ChatMain, which calls {@link FullScreenClient}).
 * Arguments: HOST PORT NAME DOWNLOAD_DIR.
 */
public final class TuiTestMain {
    private TuiTestMain() {
    }

    public static void main(String[] args) throws Exception {
        ClientOptions options = ClientOptions.of(args[0], Integer.parseInt(args[1]), args[2]);
        System.exit(FullScreenClient.run(options, false, Path.of(args[3])));
    }
}
