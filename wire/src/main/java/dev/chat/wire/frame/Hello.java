package dev.chat.wire.frame;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.ProtocolException;

/**
 * The first frame of a session: the name to join under, the protocol version spoken and a free
 * description of the client software. The name itself is checked by the daemon (so that the
 * reply can say {@code NAME_INVALID}), not here.
 *
 * @param password the password of a registered name (absent for a guest); never printed
 * @param resume   the {@code resume_token} of an earlier session, to reclaim its held name
 * @param lastSeen the highest message id the client has seen: the daemon replays every later one
 */
@FrameType("hello")
public record Hello(long id, String name, int version, String client, @OptionalField String password,
                    @OptionalField String resume, @OptionalField Long lastSeen) implements ClientFrame, Request {
    public Hello {
        Ids.check("id", id);
        Ids.required("name", name);
        Ids.required("client", client);
        if (client.length() > Limits.MAX_CLIENT_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field 'client' has at most " + Limits.MAX_CLIENT_CHARS + " characters", id);
        }
        if (password != null) {
            Passwords.checkLength("password", password, id);
        }
        if (resume != null && resume.length() > Limits.MAX_TOKEN_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "field 'resume' has at most " + Limits.MAX_TOKEN_CHARS + " characters", id);
        }
        if (lastSeen != null) {
            Ids.check("last_seen", lastSeen);
        }
    }

    /** A guest's hello, as version-1 clients send it. */
    public Hello(long id, String name, int version, String client) {
        this(id, name, version, client, null, null, null);
    }

    /** Never shows the password: frames end up in logs and test reports. */
    @Override
    public String toString() {
        return "Hello[id=" + id + ", name=" + name + ", version=" + version + ", client=" + client
                + (password != null ? ", password=***" : "") + (resume != null ? ", resume=***" : "")
                + (lastSeen != null ? ", lastSeen=" + lastSeen : "") + "]";
    }
}
