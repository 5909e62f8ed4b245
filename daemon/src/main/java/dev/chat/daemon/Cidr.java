package dev.chat.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An address block such as {@code 127.0.0.0/8} or {@code ::1/128} ({@code chatd --exempt}). A bare
 * address is the block of that one address. IPv4-mapped IPv6 addresses are matched as IPv4.
 * Immutable.
 */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is too long for the address");
        }
    }

    /** Parses {@code ADDRESS[/PREFIX]}; only literal addresses, never a DNS lookup. */
    public static Cidr parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (host.isEmpty() || !(host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("'" + text + "' is not an address block (e.g. 127.0.0.0/8, ::1/128)");
        }
        byte[] address;
        try {
            address = SourceBudgets.canonical(InetAddress.getByName(host)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address block (e.g. 127.0.0.0/8, ::1/128)");
        }
        int prefix;
        try {
            prefix = slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        return new Cidr(address, prefix);
    }

    /** Parses a comma-separated list; empty text is an empty list. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> blocks = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                blocks.add(parse(part));
            }
        }
        return List.copyOf(blocks);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    boolean contains(InetAddress address) {
        byte[] bytes = SourceBudgets.canonical(address).getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
        }
    }
}
