package dev.catflap.units;

import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import java.util.ArrayList;
import java.util.List;

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
            settings.personalSource(made.setting()).ifPresent(source -> warnings.add("warning: " + made.line()
                    + " comes from " + source + ", not from the project"));
        }
        return warnings;
    }

    /** A unit line, and a setting whose value made it. */
    private record Made(Setting<?> setting, String line) {
    }

    /** Each unit line that a setting's value made, with that setting; a line two settings made, once for each. */
    private static List<Made> lines(UnitPlan plan, Settings settings) {
        List<Made> made = new ArrayList<>();
        boolean listen = settings.config().listen().isPresent();
        for (ListenLine socket : plan.sockets()) {
            if (listen) {
                made.add(new Made(Setting.LISTEN, socket.unitLine()));
            } else {
                made.add(new Made(Setting.HOST, socket.unitLine()));
                made.add(new Made(Setting.PORT, socket.unitLine()));
            }
        }
        if (settings.config().fdname().isPresent()) {
            plan.fdName().ifPresent(name -> made.add(new Made(Setting.FDNAME, "FileDescriptorName=" + SystemdQuoting.lineValue(name))));
        }
        plan.backlog().ifPresent(backlog -> made.add(new Made(Setting.BACKLOG, "Backlog=" + backlog)));
        plan.command().setting().ifPresent(setting -> made.add(new Made(setting, "ExecStart=" + SystemdQuoting.execLine(plan.exec()))));
        String variable = "Environment=" + plan.variable() + "=" + plan.firstFd();
        made.add(new Made(Setting.ENV, variable));
        made.add(new Made(Setting.STDIN, plan.stdin() ? "StandardInput=socket" : variable));
        return made;
    }
}
