package dev.catflap.units;

import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import dev.catflap.launch.VariableAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unit lines that one developer's own sources decided: a {@code CATFLAP_*} variable exported
 * in a shell, the user file in the home directory, the checkout's gitignored local file. Units are
 * written for production, usually from a project's settings and committed or linked for others:
 * each such value is named in a warning with the line it made, as the header's list of sources
 * is easily overlooked. The project file, {@code --config} and options are the team's or typed
 * on purpose, and say nothing.
 */
final class PersonalValues {
    private PersonalValues() {
    }

    /** One {@code warning: ...} per value and unit line, in the units' order. */
    static List<String> warnings(UnitPlan plan, Settings settings) {
        List<String> warnings = new ArrayList<>();
        for (Made made : lines(plan, settings)) {
            made.source().ifPresent(source -> warnings.add("warning: " + made.line() + " comes from " + source
                    + ", not from the project"));
        }
        return warnings;
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
        if (settings.config().fdname().isPresent()) {
            plan.fdName().ifPresent(name -> made.add(new Made("FileDescriptorName=" + SystemdQuoting.lineValue(name),
                    settings.personalSource(Setting.FDNAME))));
        }
        plan.backlog().ifPresent(backlog -> made.add(new Made("Backlog=" + backlog, settings.personalSource(Setting.BACKLOG))));
        plan.command().setting().ifPresent(setting -> made.add(new Made("ExecStart=" + SystemdQuoting.execLine(plan.exec()),
                settings.personalSource(setting))));
        String variable = "Environment=" + plan.variable() + "=" + plan.firstFd();
        made.add(new Made(variable, settings.personalSource(Setting.ENV)));
        made.add(new Made(plan.stdin() ? "StandardInput=socket" : variable, settings.personalSource(Setting.STDIN)));
        for (VariableAssignment assignment : plan.setenv()) {
            made.add(new Made("Environment=" + SystemdQuoting.assignment(assignment.name(), assignment.value()),
                    settings.personalSourceOf(Setting.SETENV, assignment)));
        }
        if (settings.config().workdir().isPresent()) {
            made.add(new Made("WorkingDirectory=" + SystemdQuoting.lineValue(plan.workingDirectory().toString()),
                    settings.personalSource(Setting.WORKDIR)));
        }
        return made;
    }
}
