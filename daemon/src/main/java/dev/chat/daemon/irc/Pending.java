package dev.chat.daemon.irc;

import dev.chat.wire.irc.IrcMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an IRC command asked of the core, kept under the request id it was sent with until the
 * reply comes back, so the reply is rendered as that command's numerics. Multi-page answers
 * accumulate in the entry until their last page.
 */
sealed interface Pending {
    /** Lines the codec answered itself; they ride on the {@code pong} of a synthetic {@code ping}. */
    record Local(List<IrcMessage> lines) implements Pending {
    }

    /** The registration's {@code hello}, for {@code nick}. */
    record Registration(String nick) implements Pending {
    }

    /** A PRIVMSG or NOTICE, for echo-message and for its errors. */
    record Said(String command, String target, String text, boolean action, Map<String, String> clientTags)
            implements Pending {
    }

    /** NAMES, WHO, WHOIS, LIST: each renders the user list when its last page has come. */
    record Users(Kind kind, String mask, List<String> names, Map<String, String> away) implements Pending {
        /** JOIN is NAMES after the JOIN line and the topic, as a server answers a join. */
        enum Kind { NAMES, JOIN, WHO, WHOIS, LIST }

        Users(Kind kind, String mask) {
            this(kind, mask, new ArrayList<>(), new java.util.HashMap<>());
        }
    }

    /** AWAY: 306 when {@code away}, else 305. */
    record Away(boolean away) implements Pending {
    }

    /** CHATHISTORY for {@code target}, in the batch {@code ref}. */
    record History(String target, String ref, List<dev.chat.wire.frame.Message> messages) implements Pending {
        History(String target, String ref) {
            this(target, ref, new ArrayList<>());
        }
    }

    /** FILES: the shared files as notices. */
    record Files(int[] count) implements Pending {
        Files() {
            this(new int[1]);
        }
    }

    /** QUIT, with the client's message. */
    record Quit(String message) implements Pending {
    }
}
