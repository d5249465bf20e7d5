package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options picocli gets are the table's, and give back what the user typed, by setting. */
class SettingOptionsTest {
    private final CommandLine catflap = new CommandLine(CatflapCommand.class, new DescriptionFactory())
            .setStopAtPositional(true)
            .setExpandAtFiles(false);

    @Test
    void everyOptionOfTheTableIsInTheModelWithItsHelp() {
        for (Setting<?> setting : Setting.values()) {
            if (!setting.isOption()) {
                continue;
            }
            OptionSpec option = catflap.getCommandSpec().findOption(setting.optionNames()[0]);
            assertNotNull(option, setting.option());
            assertEquals(List.of(setting.optionNames()), List.of(option.names()));
            assertEquals(setting.description(), option.description()[0]);
            assertEquals(setting.label().orElse(""), setting.label().isPresent() ? option.paramLabel() : "");
            assertEquals(setting.label().isPresent() ? 1 : 0, option.arity().max(), setting.option());
        }
    }

    @Test
    void theGroupsAreTheTablesInItsOrderBeforeTheAnnotatedOnes() {
        List<String> headings = new ArrayList<>();
        List<ArgGroupSpec> groups = new ArrayList<>(catflap.getCommandSpec().argGroups());
        groups.sort((a, b) -> Integer.compare(a.order(), b.order()));
        groups.forEach(group -> headings.add(group.heading().trim()));
        assertEquals(List.of("%nSocket options:%n", "%nCommand options:%n", "%nSupervising options:%n",
                "%nConfiguration options:%n", "%nUnit options (with --systemd-units):%n", "%nOther options:%n"), headings);
        List<String> socketOptions = new ArrayList<>();
        groups.get(0).options().forEach(option -> socketOptions.add(option.longestName()));
        assertEquals(List.of("--listen", "--host", "--port", "--backlog"), socketOptions);
    }

    @Test
    void optionsGiveTheirSettingsAsTyped() {
        catflap.parseArgs("-p", "8080", "--systemd", "-q", "--fdname", "web", "-e", "PORT_FD", "--", "true");
        assertEquals(Map.of(Setting.PORT, List.of("8080"), Setting.SYSTEMD, List.of("true"), Setting.QUIET, List.of("true"),
                Setting.FDNAME, List.of("web"), Setting.ENV, List.of("PORT_FD")), SettingOptions.flags(catflap.getCommandSpec()));
    }

    @Test
    void aNegationGivesTheEmptyValueThatUnsets() {
        catflap.parseArgs("--no-watch", "--no-spawn", "--no-quiet", "--no-stdin", "--no-systemd", "--", "true");
        List<String> empty = List.of("");
        // a list's negation: an empty value with no element, so that it is named as typed (not as --watch '')
        assertEquals(Map.of(Setting.WATCH, List.of(), Setting.SPAWN, empty, Setting.QUIET, empty, Setting.STDIN, empty,
                Setting.SYSTEMD, empty), SettingOptions.flags(catflap.getCommandSpec()));
    }

    @Test
    void anOptionAndItsNegationContradictEachOther() {
        catflap.parseArgs("--spawn", "--no-spawn", "--", "true");
        CatflapException e = assertThrows(CatflapException.class, () -> SettingOptions.flags(catflap.getCommandSpec()));
        assertEquals("--no-spawn cannot be combined with --spawn", e.getMessage());
    }

    @Test
    void onlyModesAndSwitchesHaveANegation() {
        List<String> negations = new ArrayList<>();
        for (Setting<?> setting : Setting.values()) {
            setting.negation().ifPresent(negations::add);
        }
        assertEquals(List.of("--no-systemd", "--no-stdin", "--no-quiet", "--no-spawn", "--no-watch"), negations);
    }

    @Test
    void aRepeatedOptionIsAListOfItsValuesAsTyped() {
        catflap.parseArgs("--watch", ".", "--ignore", "{a,b}", "--ignore", "c\\d", "--ignore", "", "--ignore", " e ", "-p", "1",
                "-p", "2", "--spawn");
        Map<Setting<?>, List<String>> flags = SettingOptions.flags(catflap.getCommandSpec());
        assertEquals(List.of("{a,b}", "c\\d", "", " e "), flags.get(Setting.IGNORE), "no value escaped, joined or trimmed");
        assertEquals(List.of("2"), flags.get(Setting.PORT), "the last of a single value's");
        assertEquals(List.of("true"), flags.get(Setting.SPAWN));
    }

    @Test
    void optionsNotGivenLeaveTheLowerSourcesInCharge() {
        catflap.parseArgs("sh", "-p", "1");
        assertTrue(SettingOptions.flags(catflap.getCommandSpec()).isEmpty(), "-p after the command is the command's");
    }
}
