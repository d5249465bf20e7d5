package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of the settings, made from {@link Setting}'s table: one group per heading, in the
 * table's order, in the model that {@link CommandModel} builds for catflap's run, its man page
 * and its shell completion alike.
 */
final class SettingOptions {
    private SettingOptions() {
    }

    static void addTo(CommandSpec command) {
        for (Setting.Group group : Setting.Group.values()) {
            if (group != Setting.Group.NONE) {
                command.addArgGroup(argGroup(group));
            }
        }
    }

    private static ArgGroupSpec argGroup(Setting.Group group) {
        ArgGroupSpec.Builder builder = ArgGroupSpec.builder()
                .heading("%n" + group.heading() + ":%n")
                .order(group.order())
                .exclusive(false)
                .validate(false);
        for (Setting<?> setting : Setting.values()) {
            if (setting.group() == group) {
                builder.addArg(option(setting));
                setting.negation().ifPresent(negation -> builder.addArg(negation(setting, negation)));
            }
        }
        return builder.build();
    }

    /**
     * The option of {@code setting}. Values stay text: {@link dev.catflap.config.Configuration}
     * checks them as it checks every source's, so that errors read the same wherever a value came from.
     */
    static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.optionNames()).description(setting.description());
        if (setting.label().isEmpty()) {
            return option.arity("0").type(Boolean.class).build();
        }
        option.paramLabel(setting.label().get()).arity("1");
        if (setting.isList()) {
            option.type(List.class).auxiliaryTypes(String.class);
        } else {
            option.type(String.class);
        }
        return option.build();
    }

    /**
     * The option that switches {@code setting} off, listed after it: it gives the setting an
     * empty value, which unsets it above whatever a file or variable says.
     */
    static OptionSpec negation(Setting<?> setting, String name) {
        return OptionSpec.builder(name).arity("0").type(Boolean.class)
                .description("Switch " + setting.optionNames()[setting.optionNames().length - 1]
                        + " off where a file or " + setting.environmentVariable() + " turned it on.")
                .build();
    }

    /**
     * The settings the options gave, by setting, as typed: a repeated option's values each an
     * element of the list, in order, never joined into text (a comma in one stays part of it);
     * another option's last value; a switch's {@code true}. An option not given leaves the lower
     * sources in charge. A negation ({@code --no-watch}) gives the empty value, which unsets.
     */
    static Map<Setting<?>, List<String>> flags(CommandSpec command) {
        ParseResult parsed = command.commandLine().getParseResult();
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.values()) {
            OptionSpec option = setting.isOption() ? command.findOption(setting.optionNames()[0]) : null;
            OptionSpec negation = setting.negation().map(command::findOption).orElse(null);
            boolean negated = negation != null && parsed.hasMatchedOption(negation);
            if (option == null || !parsed.hasMatchedOption(option)) {
                if (negated) {
                    // an empty value; a list's with no element, so that it is named as the negation, not as --watch ''
                    flags.put(setting, setting.isList() ? List.of() : List.of(""));
                }
                continue;
            }
            if (negated) {
                throw CatflapException.commandLine(setting.negation().get() + " cannot be combined with "
                        + setting.optionNames()[setting.optionNames().length - 1]);
            }
            List<String> given = option.originalStringValues();
            if (setting.label().isEmpty()) {
                flags.put(setting, List.of("true"));
            } else {
                flags.put(setting, setting.isList() ? List.copyOf(given) : List.of(given.get(given.size() - 1)));
            }
        }
        return flags;
    }
}
