package dev.chat.client;

import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.ServerLimits;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the daemon said when this client joined.
 *
 * @param name        the name as registered (the daemon's display form, which may differ from the one asked for)
 * @param users       everyone online at the moment of joining, this client included, all pages assembled
 * @param server      the daemon's software description
 * @param version     the protocol version the daemon speaks
 * @param limits      what the daemon allows (line and text sizes, flood limit, idle timeout)
 * @param registered  the name is a registered account (its password was checked); false for a guest
 * @param resumeToken what a reconnect presents to get the name back within the grace period; null when none
 * @param history     the past messages the daemon replayed on joining, oldest first (each marked history);
 *                    everything after them is live
 * @param away        the users online then who were away, with their reasons (all pages); empty when none was
 */
public record WelcomeInfo(String name, List<String> users, String server, int version, ServerLimits limits,
                          boolean registered, String resumeToken, List<Message> history, Map<String, String> away) {
    public WelcomeInfo {
        Objects.requireNonNull(name, "name");
        users = List.copyOf(users);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(limits, "limits");
        history = List.copyOf(history);
        away = Map.copyOf(away);
    }

    /** A welcome without away states, as daemons before away sent it. */
    public WelcomeInfo(String name, List<String> users, String server, int version, ServerLimits limits,
                       boolean registered, String resumeToken, List<Message> history) {
        this(name, users, server, version, limits, registered, resumeToken, history, Map.of());
    }

    /** A guest's welcome without history, as daemons before accounts sent it. */
    public WelcomeInfo(String name, List<String> users, String server, int version, ServerLimits limits) {
        this(name, users, server, version, limits, false, null, List.of());
    }
}
