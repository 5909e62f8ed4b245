package dev.chat.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one source (an IPv4 address, or an IPv6 /64) may hold and open ({@code chatd
 * --max-per-source --new-per-source --new-window --source-share --transfers-per-source --exempt}).
 * The defaults are at least as strict as Ergo's (16 at once, 32 new per 10 minutes per address).
 *
 * @param maxConnections   connections one source may hold at once
 * @param maxNew           connections one source may open within {@code window}
 * @param window           the window of {@code maxNew}
 * @param share            the largest share of {@code --max-clients} one source may hold, 0..1
 * @param maxTransfers     downloads (granted or running) all of one source's sessions may hold at once
 * @param exempt           blocks no per-source limit applies to (the global limits still do)
 */
public record SourceLimits(int maxConnections, int maxNew, Duration window, double share, int maxTransfers,
                           List<Cidr> exempt) {
    public static final SourceLimits DEFAULTS = new SourceLimits(16, 32, Duration.ofMinutes(10), 0.05, 32, List.of());

    public SourceLimits {
        Objects.requireNonNull(window, "window");
        exempt = List.copyOf(exempt);
        if (maxConnections < 1 || maxNew < 1 || maxTransfers < 1) {
            throw new IllegalArgumentException("per-source limits must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the new-connection window must be positive");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the source share must be above 0 and at most 1");
        }
    }

    /** Connections one source may hold when the daemon admits {@code maxClients} in all. */
    int concurrentFor(int maxClients) {
        return (int) Math.max(1, Math.min(maxConnections, Math.floor(maxClients * share)));
    }

    /** These limits with {@code blocks} exempt (tests, and operators who trust loopback). */
    public SourceLimits withExempt(List<Cidr> blocks) {
        return new SourceLimits(maxConnections, maxNew, window, share, maxTransfers, blocks);
    }

    public SourceLimits withMaxNew(int value) {
        return new SourceLimits(maxConnections, value, window, share, maxTransfers, exempt);
    }

    public SourceLimits withMaxTransfers(int value) {
        return new SourceLimits(maxConnections, maxNew, window, share, value, exempt);
    }

    /** Every address exempt: the project's own load tests and benchmarks. */
    public SourceLimits exemptAll() {
        return withExempt(List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")));
    }
}
