package dev.chat.wire.udp;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * Stateless retry cookies (PROTOCOL.md §16.8.2, after QUIC's Retry): a cookie proves that whoever
 * echoes it receives datagrams at the address it was sent to. A cookie is the time it was made
 * (8 bytes, the endpoint's own clock in nanos) and the first 16 bytes of
 * HMAC-SHA256(secret, connection id | port | address bytes | time); it is good for {@code lifetime}.
 * The endpoint keeps no state per cookie; the secret is random per daemon run.
 *
 * <p>Pure: times are passed in. Not thread-safe (one {@code Mac}): one per endpoint.
 */
public final class AddressValidator {
    public static final int COOKIE_BYTES = 24;
    private static final int MAC_BYTES = 16;

    private final Mac mac;
    private final long lifetimeNanos;
    private final byte[] full = new byte[Hkdf.HASH_BYTES];

    public AddressValidator(byte[] secret, long lifetimeNanos) {
        if (secret.length < 16 || lifetimeNanos <= 0) {
            throw new IllegalArgumentException("a cookie secret has at least 16 bytes and a positive lifetime");
        }
        this.mac = Hkdf.mac(secret.clone());
        this.lifetimeNanos = lifetimeNanos;
    }

    /** A cookie for {@code address:port} and {@code connectionId}, made at {@code now}. */
    public byte[] mint(long connectionId, byte[] address, int port, long now) {
        byte[] cookie = new byte[COOKIE_BYTES];
        ByteBuffer.wrap(cookie).putLong(now);
        System.arraycopy(tag(connectionId, address, port, now), 0, cookie, 8, MAC_BYTES);
        return cookie;
    }

    /** True when {@code cookie} was minted for exactly these values within its lifetime before {@code now}. */
    public boolean check(long connectionId, byte[] address, int port, byte[] cookie, long now) {
        if (cookie.length != COOKIE_BYTES) {
            return false;
        }
        long made = ByteBuffer.wrap(cookie).getLong();
        long age = now - made;
        if (age < 0 || age > lifetimeNanos) {
            return false;
        }
        byte[] expected = tag(connectionId, address, port, made);
        return MessageDigest.isEqual(java.util.Arrays.copyOfRange(cookie, 8, COOKIE_BYTES), expected);
    }

    private byte[] tag(long connectionId, byte[] address, int port, long made) {
        mac.update(ByteBuffer.allocate(10).putLong(connectionId).putShort((short) port).array());
        mac.update(address);
        mac.update(ByteBuffer.allocate(8).putLong(made).array());
        try {
            mac.doFinal(full, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e); // full has the hash's length
        }
        return java.util.Arrays.copyOf(full, MAC_BYTES);
    }
}
