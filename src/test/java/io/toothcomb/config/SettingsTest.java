package io.toothcomb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.OurIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: file, then environment, then options; anything unknown or bad named by file and key. */
class SettingsTest {
    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        Path f = tmp.resolve("conf/toothcomb.properties");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theFileIsOverriddenByTheEnvironmentWhichIsOverriddenByAnOption() throws Exception {
        Path f = file("sender.id = FROMFILE\nlog.level = info\nreceiver.id = PAYERX\n");
        Settings fileOnly = Settings.load(f, Map.of());
        assertEquals("FROMFILE", fileOnly.text("sender.id"));
        Settings env = Settings.load(f, Map.of("TOOTHCOMB_SENDER_ID", "FROMENV", "TOOTHCOMB_LOG_LEVEL", "debug"));
        assertEquals("FROMENV", env.text("sender.id"));
        assertEquals("PAYERX", env.text("receiver.id"), "what the environment does not set stays the file's");
        assertEquals("debug", env.logs("warn").level());
        Settings flag = env.withOption("log.level", "error", "--log-level");
        assertEquals("error", flag.logs("warn").level());
        assertEquals(new OurIds(null, "FROMENV", null, "PAYERX", null, null), flag.ours());
    }

    @Test
    void theConfigFileComesFromTheEnvironmentOrTheDefaultPlace() throws Exception {
        Path f = file("sender.id = VIAENV\n");
        assertEquals("VIAENV", Settings.load(null, Map.of("TOOTHCOMB_CONFIG", f.toString())).text("sender.id"));
        Path xdg = tmp.resolve("xdg");
        Files.createDirectories(xdg.resolve("toothcomb"));
        Files.writeString(xdg.resolve("toothcomb/toothcomb.properties"), "sender.id = DEFAULTPLACE\n");
        Settings d = Settings.load(null, Map.of("XDG_CONFIG_HOME", xdg.toString()));
        assertEquals("DEFAULTPLACE", d.text("sender.id"));
        assertEquals(xdg.resolve("toothcomb/toothcomb.properties"), d.file());
        Settings none = Settings.load(null, Map.of("XDG_CONFIG_HOME", tmp.resolve("nothing").toString()));
        assertNull(none.file(), "no default file: no configuration, no error");
        assertNull(none.text("sender.id"));
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() throws Exception {
        Path f = file("sender.id = A\nsendr.qualifier = ZZ\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": unknown key 'sendr.qualifier'"), e.getMessage());
    }

    @Test
    void aBadValueNamesWhereItCameFromAndTheKey() throws Exception {
        Path f = file("sender.qualifier = QQ\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": key 'sender.qualifier': 'QQ' is not an ISA qualifier"),
                e.getMessage());
        ConfigException tooLong = assertThrows(ConfigException.class, () -> Settings.load(null,
                Map.of("TOOTHCOMB_SENDER_ID", "A-SENDER-ID-OF-19CH", "XDG_CONFIG_HOME", tmp.toString())));
        assertTrue(tooLong.getMessage().startsWith("environment variable TOOTHCOMB_SENDER_ID: key 'sender.id': "
                + "'A-SENDER-ID-OF-19CH' is 19 characters; it must be 1 to 15"), tooLong.getMessage());
        Settings ok = Settings.load(null, Map.of("XDG_CONFIG_HOME", tmp.toString()));
        ConfigException flag = assertThrows(ConfigException.class,
                () -> ok.withOption("log.format", "xml", "--log-format"));
        assertTrue(flag.getMessage().startsWith("option --log-format: key 'log.format': 'xml' is not text or json"),
                flag.getMessage());
        Path star = file("group.sender = AB*C\n");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(star, Map.of())).getMessage()
                .contains("delimiters"));
    }

    @Test
    void aKeyGivenTwiceAndAMissingFileAreErrors() throws Exception {
        Path f = file("sender.id = A\nsender.id = B\n");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(f, Map.of())).getMessage()
                .equals(f + ": key 'sender.id' is given twice; keep one"));
        Path missing = tmp.resolve("none.properties");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(missing, Map.of())).getMessage()
                .contains(missing + " (from --config) does not exist"));
    }

    @Test
    void relativePathsAreTakenFromTheFilesFolder() throws Exception {
        Path f = file("packs = packs\ncontrol.file = state/numbers\nlog.file = ~/toothcomb.log\nhistory = data\n");
        Settings s = Settings.load(f, Map.of());
        assertEquals(f.getParent().resolve("packs"), s.path("packs"));
        assertEquals(f.getParent().resolve("state/numbers"), s.path("control.file"));
        assertEquals(Path.of(System.getProperty("user.home"), "toothcomb.log"), s.path("log.file"));
        assertEquals(f.getParent().resolve("data").toString(), s.history());
        Settings url = s.withOption("history", "jdbc:postgresql://db/h", "--history");
        assertEquals("jdbc:postgresql://db/h", url.history(), "a JDBC URL is taken as it is");
    }

    @Test
    void theControlStoreFollowsTheSetting() throws Exception {
        Path f = file("control.file = numbers\n");
        Settings s = Settings.load(f, Map.of());
        ControlSequence history = ControlSequence.startingAt(900);
        assertEquals(1, s.controls(false, Map.of()).reserve(1), "auto without a history: the file");
        assertEquals(900, s.controls(true, Map.of()).withHistory(history).reserve(1), "auto: the history");
        assertEquals("2\n", Files.readString(f.getParent().resolve("numbers")), "the file took one number");
        Settings file = s.withOption("control.store", "file", "--x");
        assertEquals(2, file.controls(true, Map.of()).withHistory(history).reserve(1), "file: the file always");
        Settings hist = Settings.load(file("control.store = history\n"), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> hist.controls(false, Map.of()));
        assertTrue(e.getMessage().contains("key 'control.store': 'history' but this run keeps no claim history"),
                e.getMessage());
    }
}
