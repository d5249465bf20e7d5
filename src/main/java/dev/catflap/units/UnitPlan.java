package dev.catflap.units;

import dev.catflap.launch.VariableAssignment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the two units say, checked and typed: everything {@link SocketUnit} and
 * {@link ServiceUnit} write, made by {@link UnitPlanner} from catflap's effective settings.
 *
 * @param name the units' shared name
 * @param sockets the Listen lines, in catflap's order, so the fds are 3, 4, ... as under catflap
 * @param fdName the one FileDescriptorName= of all the sockets, if they have one
 * @param backlog Backlog=, where catflap's is set
 * @param socketMode SocketMode= for Unix socket files: what catflap's would get under this umask
 * @param exec ExecStart='s words: the executable's absolute path, then the arguments
 * @param command where the production command came from, and how it was written
 * @param workingDirectory WorkingDirectory=, where the command runs ({@link ProductionCommand#directory()})
 * @param variable catflap's variable for the first socket's fd (LISTEN_FD unless -e)
 * @param setenv the variables {@code --setenv} adds, each an Environment= line, in order
 * @param stdin whether the socket is the service's stdin ({@code --stdin})
 * @param settings where the settings that are not defaults came from, each source with its keys
 * @param leftOut the settings that have no meaning in units, each group with why: the
 *     development-only ones together
 */
public record UnitPlan(UnitName name, List<ListenLine> sockets, Optional<String> fdName, Optional<Integer> backlog,
        int socketMode, List<String> exec, ProductionCommand command, Path workingDirectory, String variable,
        List<VariableAssignment> setenv, boolean stdin, List<String> settings, List<String> leftOut) {

    /** The fd catflap's variable names: 0 with --stdin, else 3, where systemd puts the first socket too. */
    public int firstFd() {
        return stdin ? 0 : 3;
    }
}
