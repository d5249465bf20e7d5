package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each kind of socket is, decided once when the text is parsed. */
class ListenSpecKindsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "127.0.0.1:8080, TcpSpec, STREAM, tcp, ''",
        "tcp://[::1]:8080, TcpSpec, STREAM, tcp, ''",
        "udp://0.0.0.0:53, UdpSpec, DATAGRAM, udp, ''",
        "unix:run/app.sock, UnixSpec, STREAM, unix, run/app.sock",
        "unix:@app, UnixSpec, STREAM, unix, ''",
        "unix:@, UnixSpec, STREAM, unix, ''"})
    void eachKindSaysWhatItIs(String text, String kind, SocketType type, String name, String file) {
        ListenSpec spec = ListenSpec.parse(text);
        assertEquals(kind, spec.getClass().getSimpleName());
        assertEquals(text, spec.text());
        assertEquals(type, spec.type());
        assertEquals(name, spec.defaultName());
        assertEquals(file.isEmpty() ? Optional.empty() : Optional.of(file), spec.socketFile());
        assertEquals(kind, spec.match(tcp -> "TcpSpec", udp -> "UdpSpec", unix -> "UnixSpec"), "match takes the kind's case");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "127.0.0.1:8080, false",
        "0.0.0.0:8080, true",
        "udp://[::1]:53, false",
        "udp://[::]:53, true",
        "10.1.2.3:80, true",
        "unix:app.sock, false",
        "unix:@app, false"})
    void onlyIpSocketsOffLoopbackAreReachableFromOtherHosts(String text, boolean reachable) {
        assertEquals(reachable, ListenSpec.parse(text).reachableFromOtherHosts());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:8080, 127.0.0.1, 8080", "udp://[::1]:0, 0:0:0:0:0:0:0:1, 0"})
    void ipSpecsCarryAddressAndPort(String text, String address, int port) {
        IpSpec spec = assertInstanceOf(IpSpec.class, ListenSpec.parse(text));
        assertEquals(address, spec.address().getHostAddress());
        assertEquals(port, spec.port());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unix:@, true, true", "unix:@app, true, false", "unix:app.sock, false, false"})
    void unixSpecsTellAPathFromAnAbstractName(String text, boolean isAbstract, boolean autobound) {
        UnixSpec spec = assertInstanceOf(UnixSpec.class, ListenSpec.parse(text));
        assertEquals(isAbstract, spec.isAbstract());
        assertEquals(autobound, spec.isAutobound());
    }
}
