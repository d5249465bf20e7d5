package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work a start no longer does (issue 15, item 6; README, "Start-up time"), seen in what the JVM
 * logs about a real run: each was milliseconds of every start, and would come back unnoticed.
 */
class StartupWorkIT {
    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "the JVM's logs are JVM mode's");
    }

    /**
     * picocli's model is built in code: reading its annotations made the JVM generate a proxy class
     * for each annotation type (ten), which no start-up archive can hold. JNA's proxy of the C
     * library, in the posix package, is the only one left.
     */
    @Test
    void noProxyClassIsGeneratedButThePosixLibrarys() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", "-Xlog:class+load=info:stderr")
                .run("-q", "-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        List<String> generated = result.stderr().lines()
                .filter(line -> line.contains("source: __dynamic_proxy__"))
                .filter(line -> !line.contains(" dev.catflap.posix.$Proxy"))
                .toList();
        assertEquals(List.of(), generated);
    }

    /**
     * BigDecimal's class initialization computes 5^65536 (JDK 21+): no setting is read with it,
     * not even --grace, whose default is read at every start.
     */
    @Test
    void bigDecimalIsNotInitialized() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", "-Xlog:class+init=info:stderr")
                .run("-q", "-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of(), result.stderr().lines().filter(line -> line.contains("'java/math/BigDecimal'")).toList());
    }
}
