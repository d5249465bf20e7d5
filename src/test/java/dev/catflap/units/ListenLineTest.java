package dev.catflap.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.socket.ListenSpec;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenLineTest {
    private static final Path WORKING_DIRECTORY = Path.of("/srv/app");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:8080|ListenStream=127.0.0.1:8080",
        "tcp://0.0.0.0:80|ListenStream=0.0.0.0:80",
        "[::1]:8080|ListenStream=[::1]:8080",
        "udp://127.0.0.1:9000|ListenDatagram=127.0.0.1:9000",
        "unix:/run/app.sock|ListenStream=/run/app.sock",
        "unix:app.sock|ListenStream=/srv/app/app.sock",
        "unix:./run//./app.sock|ListenStream=/srv/app/run/app.sock",
        "unix:@app|ListenStream=@app",
        "unix:@100%|ListenStream=@100%%",
    })
    void eachSocketIsOneListenLine(String spec, String line) {
        assertEquals(line, ListenLine.of(ListenSpec.parse(spec), WORKING_DIRECTORY).unitLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "udp://[::1]:0", "unix:@"})
    void whatTheKernelPicksAtEachStartCannotBeAUnit(String spec) {
        assertThrows(IllegalArgumentException.class, () -> ListenLine.of(ListenSpec.parse(spec), WORKING_DIRECTORY));
    }
}
