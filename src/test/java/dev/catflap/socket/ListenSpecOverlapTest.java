package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which two listen specs cannot both be bound: the same address, or one a wildcard covers. */
class ListenSpecOverlapTest {
    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "127.0.0.1:8080, 127.0.0.1:8080, true",
        "127.0.0.1:8080, 0.0.0.0:8080, true",
        "0.0.0.0:8080, 10.0.0.1:8080, true",
        "[::1]:8080, [::]:8080, true",
        "udp://0.0.0.0:53, udp://127.0.0.1:53, true",
        "0.0.0.0:8080, [::]:8080, false", // IPv6 sockets are IPv6-only
        "[::]:8080, 127.0.0.1:8080, false",
        "0.0.0.0:8080, udp://0.0.0.0:8080, false",
        "0.0.0.0:8080, 127.0.0.1:8081, false",
        "0.0.0.0:0, 127.0.0.1:0, false", // the kernel picks a port for each
        "127.0.0.1:8080, 127.0.0.2:8080, false",
        "unix:a.sock, unix:./a.sock, true",
        "unix:@name, unix:@name, true",
        "unix:@, unix:@, false", // the kernel picks a name for each
        "unix:@a.sock, unix:a.sock, false",
        "unix:8080, 0.0.0.0:8080, false"})
    void overlapping(String first, String second, boolean clash) {
        ListenSpec a = ListenSpec.parse(first);
        ListenSpec b = ListenSpec.parse(second);
        assertEquals(clash, b.clashesWith(a));
        assertEquals(clash, a.clashesWith(b));
    }
}
