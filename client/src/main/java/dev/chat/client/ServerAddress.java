package dev.chat.client;

/** {@code HOST[:PORT]} as given to {@code --server}; {@code [::1]:13337} for IPv6 literals. */
public record ServerAddress(String host, int port) {
    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be 1..65535, not " + port);
        }
    }

    /** One {@code HOST[:PORT]}. */
    public static ServerAddress parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':PORT' after ']' in " + text);
                }
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        return new ServerAddress(host, port == null ? ClientOptions.DEFAULT_PORT : parsePort(port));
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port must be a number, not '" + port + "'");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
