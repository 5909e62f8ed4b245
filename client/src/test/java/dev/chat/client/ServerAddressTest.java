package dev.chat.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerAddressTest {
    @Test
    void aHostAloneUsesTheDefaultPort() {
        assertEquals(new ServerAddress("example.org", 13337), ServerAddress.parse("example.org"));
    }

    @Test
    void hostAndPortAreSplitAtTheColon() {
        assertEquals(new ServerAddress("127.0.0.1", 4000), ServerAddress.parse("127.0.0.1:4000"));
    }

    @Test
    void ipv6LiteralsGoInBrackets() {
        assertEquals(new ServerAddress("::1", 4000), ServerAddress.parse("[::1]:4000"));
        assertEquals(new ServerAddress("::1", 13337), ServerAddress.parse("[::1]"));
        assertEquals(new ServerAddress("::1", 13337), ServerAddress.parse("::1"));
        assertEquals("[::1]:4000", new ServerAddress("::1", 4000).toString());
    }

    @Test
    void badPortsAndEmptyHostsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("host:http"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("host:0"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("host:65536"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(":4000"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("[::1"));
    }
}
