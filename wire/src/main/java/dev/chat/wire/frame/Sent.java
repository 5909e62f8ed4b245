package dev.chat.wire.frame;

/**
 * The answer to a {@link Send}: the message is durable and was queued for {@code recipients} users
 * (1 for a private message, everyone else online for a broadcast) at server time {@code ts}.
 *
 * @param id     the message's id (as its recipients see it in {@link Message#id()})
 * @param stored true when the recipient is away: the message waits in the store for their next
 *               login or resume (recipients is then 0); absent otherwise
 */
@FrameType("sent")
public record Sent(long re, String to, int recipients, long ts, @OptionalField Long id,
                   @OptionalField Boolean stored) implements ServerFrame, Reply {
    public Sent {
        Ids.check("re", re);
        Ids.required("to", to);
        if (id != null) {
            Ids.check("id", id);
        }
        if (Boolean.FALSE.equals(stored)) {
            stored = null;
        }
    }

    public Sent(long re, String to, int recipients, long ts) {
        this(re, to, recipients, ts, null, null);
    }

    public boolean isStored() {
        return Boolean.TRUE.equals(stored);
    }
}
