package dev.catflap.launch;

import dev.catflap.CatflapException;
import dev.catflap.socket.BoundSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dup2 calls that bring the sockets from the descriptors they were bound at to the numbers
 * the command takes them at ({@code first}, {@code first + 1}, ...), using one spare descriptor
 * at most. Copying every socket out of the way first would need twice as many descriptors as
 * there are sockets, and 600 Unix sockets would no longer fit under a limit of 1024. Instead a
 * socket moves straight to its number once no other socket still waits there; where the sockets
 * wait on each other in a ring (or one is already at its number, where a dup2 would not make it
 * inheritable), one of them goes through the spare.
 *
 * <p>Exec runs the moves in catflap itself; Spawn hands them to posix_spawn, which runs them in the
 * child. Either way, a socket's old descriptor stays close-on-exec and the spare is closed after.
 */
final class SocketPlacement {
    /** Stands for the spare descriptor in {@link #moves}, which the one running them chooses. */
    static final int SPARE = -1;

    private final List<int[]> moves;
    private final boolean usesSpare;

    private SocketPlacement(List<int[]> moves, boolean usesSpare) {
        this.moves = moves;
        this.usesSpare = usesSpare;
    }

    /** The moves that place {@code sockets[i]} at {@code first + i}. */
    static SocketPlacement of(List<BoundSocket> sockets, int first) {
        return of(descriptors(sockets), first);
    }

    /** The moves that place {@code sources[i]} at {@code first + i}. */
    static SocketPlacement of(int[] sources, int first) {
        int[] at = sources.clone();
        Map<Integer, Integer> waiting = new HashMap<>(); // descriptor -> socket still to place
        for (int i = 0; i < at.length; i++) {
            waiting.put(at[i], i);
        }
        List<int[]> moves = new ArrayList<>();
        boolean usesSpare = false;
        while (!waiting.isEmpty()) {
            boolean moved = false;
            for (int i = 0; i < at.length; i++) {
                int target = first + i;
                if (waiting.get(at[i]) != null && waiting.get(at[i]) == i && !waiting.containsKey(target)) {
                    moves.add(new int[] {at[i], target});
                    waiting.remove(at[i]);
                    moved = true;
                }
            }
            if (!moved) {
                // Every socket left waits for a number another one (or itself) still holds.
                int i = waiting.get(waiting.keySet().iterator().next());
                moves.add(new int[] {at[i], SPARE});
                waiting.remove(at[i]);
                at[i] = SPARE;
                waiting.put(SPARE, i);
                usesSpare = true;
            }
        }
        return new SocketPlacement(moves, usesSpare);
    }

    /** A spare for a child: the lowest number from {@code lowest} up that no socket is at (whatever else the child has there goes). */
    static int spareFor(List<BoundSocket> sockets, int lowest) {
        int[] sources = descriptors(sockets);
        int spare = lowest;
        while (contains(sources, spare)) {
            spare++;
        }
        return spare;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] descriptors(List<BoundSocket> sockets) {
        int[] fds = new int[sockets.size()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = sockets.get(i).fd();
        }
        return fds;
    }

    /**
     * Refuses, before anything is moved, sockets whose numbers (and the spare, where it is needed)
     * would not be below the open-files limit: dup2 cannot make a descriptor there.
     */
    static void checkFits(int socketCount, int first, int spare, long softLimit) {
        long highest = Math.max(first + socketCount - 1L, spare);
        if (highest >= softLimit) {
            throw CatflapException.failure(socketCount + " sockets at descriptors " + first + "-" + (first + socketCount - 1)
                    + " do not fit under the open-files limit of " + softLimit + " (raise it with ulimit -n)");
        }
    }

    /**
     * The moves in order, as pairs: {@code dup2(moves[2k], moves[2k + 1])}, with {@code spare} for
     * {@link #SPARE}. An array, so that the exec path can run it after the JVM's files are gone,
     * when no class may be loaded any more.
     */
    int[] moves(int spare) {
        int[] pairs = new int[moves.size() * 2];
        for (int k = 0; k < moves.size(); k++) {
            pairs[2 * k] = moves.get(k)[0] == SPARE ? spare : moves.get(k)[0];
            pairs[2 * k + 1] = moves.get(k)[1] == SPARE ? spare : moves.get(k)[1];
        }
        return pairs;
    }

    /** Whether a socket passes through the spare descriptor, which must then be closed after. */
    boolean usesSpare() {
        return usesSpare;
    }
}
