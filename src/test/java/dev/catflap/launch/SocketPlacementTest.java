package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dup2 calls of {@link SocketPlacement}, run on a model of a descriptor table. */
class SocketPlacementTest {
    private static final int SPARE = 10_000;

    /** Runs the moves: fd -> which socket (or -1 for a file of the JVM's); dup2 clears close-on-exec. */
    private static Map<Integer, Integer> run(int[] sources, int first, int[] moves, List<Integer> inheritable) {
        Map<Integer, Integer> table = new HashMap<>();
        for (int i = 0; i < sources.length; i++) {
            table.put(sources[i], i);
        }
        for (int k = 0; k < moves.length; k += 2) {
            assertTrue(table.containsKey(moves[k]), "dup2 from a descriptor that holds a socket: " + moves[k]);
            table.put(moves[k + 1], table.get(moves[k]));
            inheritable.add(moves[k + 1]);
        }
        return table;
    }

    private static void assertPlaced(int[] sources, int first) {
        SocketPlacement placement = SocketPlacement.of(sources, first);
        int[] moves = placement.moves(SPARE);
        List<Integer> inheritable = new ArrayList<>();
        Map<Integer, Integer> table = run(sources, first, moves, inheritable);
        for (int i = 0; i < sources.length; i++) {
            assertEquals(i, table.get(first + i), "socket " + i + " at " + (first + i));
            assertTrue(inheritable.contains(first + i), "fd " + (first + i) + " made inheritable by a dup2");
        }
        boolean spareUsed = false;
        for (int k = 1; k < moves.length; k += 2) {
            spareUsed |= moves[k] == SPARE;
        }
        assertEquals(spareUsed, placement.usesSpare());
        assertTrue(moves.length / 2 <= 2 * sources.length, "each socket moves twice at most: " + moves.length / 2);
    }

    @Test
    void socketsAboveTheTargetsMoveStraightThere() {
        int[] sources = {40, 41, 42};
        assertPlaced(sources, 3);
        assertFalse(SocketPlacement.of(sources, 3).usesSpare());
        assertEquals(3, SocketPlacement.of(sources, 3).moves(SPARE).length / 2);
    }

    @Test
    void socketsAmongTheTargetsWaitForEachOther() {
        assertPlaced(new int[] {5, 3, 4, 9}, 3);
        assertPlaced(new int[] {4, 5, 6, 7, 8}, 3); // each target holds the socket before
        assertPlaced(new int[] {6, 5, 4, 3}, 3);
    }

    @Test
    void aRingGoesThroughTheSpareOnce() {
        int[] sources = {4, 3};
        assertPlaced(sources, 3);
        assertTrue(SocketPlacement.of(sources, 3).usesSpare());
        assertEquals(3, SocketPlacement.of(sources, 3).moves(SPARE).length / 2);
    }

    @Test
    void aSocketAlreadyAtItsNumberIsMadeInheritable() {
        assertPlaced(new int[] {3}, 3);
        assertPlaced(new int[] {3, 4, 5}, 3);
        assertPlaced(new int[] {0}, 0);
    }

    @Test
    void theOneSocketOnStdinReplacesIt() {
        assertPlaced(new int[] {12}, 0);
    }

    @Test
    void anyArrangementIsPlaced() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int count = 1 + random.nextInt(40);
            List<Integer> pool = new ArrayList<>();
            for (int fd = 3; fd < 3 + count * 2 + 5; fd++) {
                pool.add(fd);
            }
            Collections.shuffle(pool, random);
            int[] sources = pool.subList(0, count).stream().mapToInt(Integer::intValue).toArray();
            assertPlaced(sources, 3);
        }
    }
}
