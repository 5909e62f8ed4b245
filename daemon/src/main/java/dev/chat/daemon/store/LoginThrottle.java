package dev.chat.daemon.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Login attempts per account and per source address, as Ergo does it: at most {@code max} attempts
 * in a window of {@code window} (3 per minute), the window starting at the first attempt. An
 * attempt is charged to both before the password is checked, so parallel guesses are counted too;
 * a correct password clears the account's and the address's counts.
 *
 * <p>Memory is bounded: expired windows are swept when the table reaches {@code maxEntries}, and if
 * it is still full the attempt is refused (failing closed: a flood of addresses cannot grow it).
 * Thread-safe; all time comes from the injected clock.
 */
public final class LoginThrottle {
    /** The Ergo default: 3 attempts per minute. */
    public static LoginThrottle ergo(InstantSource clock) {
        return new LoginThrottle(clock, 3, Duration.ofMinutes(1), 100_000);
    }

    private record Window(Instant start, int attempts) {
    }

    private final InstantSource clock;
    private final int max;
    private final Duration window;
    private final int maxEntries;
    private final Map<String, Window> windows = new HashMap<>();

    public LoginThrottle(InstantSource clock, int max, Duration window, int maxEntries) {
        if (max < 1 || window.isNegative() || window.isZero() || maxEntries < 2) {
            throw new IllegalArgumentException("throttle needs max >= 1, a positive window and room for 2 entries");
        }
        this.clock = clock;
        this.max = max;
        this.window = window;
        this.maxEntries = maxEntries;
    }

    /**
     * Charges one attempt to the account and to the address.
     *
     * @return {@link Duration#ZERO} if the attempt may go ahead, else how long until it may
     */
    public synchronized Duration tryAttempt(String accountKey, String address) {
        Instant now = clock.instant();
        String account = "a:" + accountKey;
        String source = "s:" + address;
        Duration wait = max(waitFor(account, now), waitFor(source, now));
        if (!wait.isZero()) {
            return wait;
        }
        if (!makeRoom(now, 2)) {
            return window;
        }
        charge(account, now);
        charge(source, now);
        return Duration.ZERO;
    }

    /** The password was right: the account and the address start afresh. */
    public synchronized void succeeded(String accountKey, String address) {
        windows.remove("a:" + accountKey);
        windows.remove("s:" + address);
    }

    synchronized int entries() {
        return windows.size();
    }

    private Duration waitFor(String key, Instant now) {
        Window w = windows.get(key);
        if (w == null || !now.isBefore(w.start().plus(window)) || w.attempts() < max) {
            return Duration.ZERO;
        }
        return Duration.between(now, w.start().plus(window));
    }

    private void charge(String key, Instant now) {
        Window w = windows.get(key);
        if (w == null || !now.isBefore(w.start().plus(window))) {
            windows.put(key, new Window(now, 1));
        } else {
            windows.put(key, new Window(w.start(), w.attempts() + 1));
        }
    }

    private boolean makeRoom(Instant now, int needed) {
        if (windows.size() + needed <= maxEntries) {
            return true;
        }
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().start().plus(window))) {
                it.remove();
            }
        }
        return windows.size() + needed <= maxEntries;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
