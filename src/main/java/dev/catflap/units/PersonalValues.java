package dev.catflap.units;

import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unit lines that one developer's own sources decided: a {@code CATFLAP_*} variable exported
 * in a shell, the user file in the home directory, the checkout's gitignored local file. Units are
 * written for production, usually from a project's settings and committed or linked for others:
 * each such value is named in a warning with the line it made, as the header's list of sources
 * is easily overlooked. So is each line of the project's that such a source took away with an
 * empty value or an empty list element, which leaves no value behind to name. The project file,
 * {@code --config} and options are the team's or typed on purpose, and say nothing.
 */
final class PersonalValues {
    private PersonalValues() {
    }

    /**
     * One {@code warning: ...} per value and unit line, in the units' order; then one per line
     * of the project's that a personal source took away.
     *
     * @param workingDirectory where catflap runs, against which a relative Unix socket path is made absolute
     */
    static List<String> warnings(UnitPlan plan, Settings settings, Path workingDirectory) {
        List<String> warnings = new ArrayList<>();
        for (Made made : lines(plan, settings)) {
            made.source().ifPresent(source -> warnings.add("warning: " + made.line() + " comes from " + source
                    + ", not from the project"));
        }
        warnings.addAll(removed(plan, settings, workingDirectory));
        return warnings;
    }

    /**
     * The lines the project's values would make that are not in the units, as a personal source
     * unset or cleared them, one warning each: none of its values is left to name ({@link #lines}
     * names those that changed a line that is still there, such as ExecStart= after an empty
     * unit-command).
     */
    private static List<String> removed(UnitPlan plan, Settings settings, Path workingDirectory) {
        List<Settings.Removal> removals = new ArrayList<>();
        List<String> sockets = plan.sockets().stream().map(ListenLine::unitLine).toList();
        settings.personalRemoval(Setting.LISTEN, specs -> specs.stream().map(spec -> socketLine(spec, workingDirectory))
                .filter(line -> !sockets.contains(line)).toList()).ifPresent(removals::add);
        if (plan.fdName().isEmpty()) {
            settings.personalRemoval(Setting.FDNAME, names -> List.of("FileDescriptorName=" + String.join(":", names)))
                    .ifPresent(removals::add);
        }
        if (plan.backlog().isEmpty()) {
            settings.personalRemoval(Setting.BACKLOG, backlog -> List.of("Backlog=" + backlog)).ifPresent(removals::add);
        }
        settings.personalRemoval(Setting.SETENV, assignments -> assignments.stream().filter(each -> !plan.setenv().contains(each))
                .map(each -> "Environment=" + assignment(each)).toList()).ifPresent(removals::add);
        if (!plan.stdin()) {
            settings.personalRemoval(Setting.STDIN, on -> on ? List.of("StandardInput=socket") : List.of()).ifPresent(removals::add);
        }
        List<String> warnings = new ArrayList<>();
        for (Settings.Removal removal : removals) {
            removal.lines().forEach(line -> warnings.add("warning: the project's " + line + " is not in the units: "
                    + removal.by() + (removal.cleared() ? " cleared it" : " unset it")));
        }
        return warnings;
    }

    /** The Listen line of a socket the project gave, or its address as written where a unit could not hold it. */
    private static String socketLine(ListenSpec spec, Path workingDirectory) {
        try {
            return ListenLine.of(spec, workingDirectory).unitLine();
        } catch (IllegalArgumentException e) {
            return "socket " + spec.text();
        }
    }

    /** An Environment= value as the unit would write it, or as written where a unit could not hold it. */
    private static String assignment(VariableAssignment assignment) {
        try {
            return SystemdQuoting.assignment(assignment.name(), assignment.value());
        } catch (IllegalArgumentException e) {
            return assignment.toString();
        }
    }

    /** A unit line, and the personal source whose value made it, if one did. */
    private record Made(String line, Optional<String> source) {
    }

    /** Each unit line that a setting's value made, with its personal source; a line two settings made, once for each. */
    private static List<Made> lines(UnitPlan plan, Settings settings) {
        List<Made> made = new ArrayList<>();
        boolean listen = settings.config().listen().isPresent();
        for (ListenLine socket : plan.sockets()) {
            if (listen) {
                // Lists add up across sources: each socket is named by the source of its own spec.
                made.add(new Made(socket.unitLine(), settings.personalSourceOf(Setting.LISTEN, socket.spec())));
            } else {
                // CATFLAP_LISTEN= that cleared the team's sockets left this one: named as its maker
                made.add(new Made(socket.unitLine(), settings.personalSource(Setting.LISTEN)));
                made.add(new Made(socket.unitLine(), settings.personalSource(Setting.HOST)));
                made.add(new Made(socket.unitLine(), settings.personalSource(Setting.PORT)));
            }
        }
        // set, or unset by an empty value that left the sockets' kind (CATFLAP_FDNAME= over the team's name)
        plan.fdName().ifPresent(name -> made.add(new Made("FileDescriptorName=" + SystemdQuoting.lineValue(name),
                settings.personalSource(Setting.FDNAME))));
        plan.backlog().ifPresent(backlog -> made.add(new Made("Backlog=" + backlog, settings.personalSource(Setting.BACKLOG))));
        String exec = "ExecStart=" + SystemdQuoting.execLine(plan.exec());
        plan.command().setting().ifPresent(setting -> made.add(new Made(exec, settings.personalSource(setting))));
        if (plan.command().setting().equals(Optional.of(Setting.COMMAND))) {
            // the development command, as an empty unit-command unset the team's production one
            made.add(new Made(exec, settings.personalSource(Setting.UNIT_COMMAND)));
        }
        String variable = "Environment=" + plan.variable() + "=" + plan.firstFd();
        made.add(new Made(variable, settings.personalSource(Setting.ENV)));
        made.add(new Made(plan.stdin() ? "StandardInput=socket" : variable, settings.personalSource(Setting.STDIN)));
        for (VariableAssignment assignment : plan.setenv()) {
            made.add(new Made("Environment=" + SystemdQuoting.assignment(assignment.name(), assignment.value()),
                    settings.personalSourceOf(Setting.SETENV, assignment)));
        }
        // set, or unset by an empty value that moved the service back to the command's directory
        made.add(new Made("WorkingDirectory=" + SystemdQuoting.lineValue(plan.workingDirectory().toString()),
                settings.personalSource(Setting.WORKDIR)));
        return made;
    }
}
