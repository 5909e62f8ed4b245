package dev.chat.client;

import dev.chat.wire.frame.ServerLimits;

import java.util.List;
import java.util.Objects;

/**
 * What the daemon said when this client joined.
 *
 * @param name    the name as registered (the daemon's display form, which may differ from the one asked for)
 * @param users   everyone online at the moment of joining, this client included, all pages assembled
 * @param server  the daemon's software description
 * @param version the protocol version the daemon speaks
 * @param limits  what the daemon allows (line and text sizes, flood limit, idle timeout)
 */
public record WelcomeInfo(String name, List<String> users, String server, int version, ServerLimits limits) {
    public WelcomeInfo {
        Objects.requireNonNull(name, "name");
        users = List.copyOf(users);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(limits, "limits");
    }
}
