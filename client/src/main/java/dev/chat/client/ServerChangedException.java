package dev.chat.client;

import java.nio.file.Path;
import java.security.cert.CertificateException;

/**
 * The server presented another certificate than the one remembered for it: a different server, a
 * reinstalled one, or someone in between. Refused; the message says both fingerprints and how to
 * forget the old one.
 */
public final class ServerChangedException extends CertificateException {
    private final String known;
    private final String seen;

    ServerChangedException(String hostPort, String known, String seen, Path knownHosts) {
        super("the TLS certificate of " + hostPort + " has CHANGED: known " + known + ", now " + seen
                + ". Someone may be intercepting the connection, or the server got a new certificate."
                + " If you trust the new one, delete the line '" + hostPort + " " + known + "' from " + knownHosts
                + " and connect again");
        this.known = known;
        this.seen = seen;
    }

    public String known() {
        return known;
    }

    public String seen() {
        return seen;
    }
}
