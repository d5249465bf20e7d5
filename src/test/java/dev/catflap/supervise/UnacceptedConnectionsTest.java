package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnacceptedConnectionsTest {
    private static final List<String> TCP = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 100 0 0 10 0",
            "   2: 0100007F:1F90 0100007F:C350 01 00000000:00000007 00:00000000 00000000     0        0 4444 1 0000000000000000 20 4 30 10 -1");
    private static final List<String> TCP6 = List.of(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:0000001A 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0");

    @Test
    void aListeningSocketsRxQueueIsItsAcceptQueue() {
        assertEquals(Map.of(4242L, 3, 4343L, 0), UnacceptedConnections.queueLengths(TCP, Set.of(4242L, 4343L, 4444L)));
    }

    @Test
    void onlyTheGivenSocketsCount() {
        assertEquals(Map.of(5151L, 26), UnacceptedConnections.queueLengths(TCP6, Set.of(5151L, 4242L)));
        assertEquals(Map.of(), UnacceptedConnections.queueLengths(TCP, Set.of(9999L)));
    }
}
