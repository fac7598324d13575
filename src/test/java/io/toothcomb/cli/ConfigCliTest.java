package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config}, {@code --log-*} as a user meets them on the command line. */
class ConfigCliTest {
    static final Path CLEAN = Path.of("edi-samples/clean-three-transactions.edi");

    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    @TempDir
    Path tmp;

    @Test
    void aBadConfigurationIsAUsageErrorNamingFileAndKey() throws Exception {
        Path conf = tmp.resolve("tc.properties");
        Files.writeString(conf, "sender.id = OK\nlog.levle = info\n");
        assertEquals(Main.USAGE, Main.run("scrub", CLEAN.toString(), "--out", tmp.resolve("out").toString(),
                "--config", conf.toString()));
        assertTrue(capture.err().startsWith("toothcomb: " + conf + ": unknown key 'log.levle'"), capture.err());
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing was scrubbed");
        assertEquals(Main.USAGE, Main.run("watch", tmp.resolve("inbox").toString(), "--out",
                tmp.resolve("out").toString(), "--config", conf.toString()));
        assertEquals(Main.USAGE, Main.run("scrub", CLEAN.toString(), "--out", tmp.resolve("out").toString(),
                "--log-level", "loud"));
        assertTrue(capture.err().contains("option --log-level: key 'log.level': 'loud' is not error, warn"),
                capture.err());
    }

    @Test
    void theConfigurationSetsOurIdsAndWhereOurNumbersAreKept() throws Exception {
        Path conf = tmp.resolve("tc.properties");
        Files.writeString(conf, "sender.qualifier = 30\nsender.id = 991234567\ncontrol.file = numbers\n");
        for (String dir : List.of("a", "b")) {
            assertEquals(Main.OK, Main.run("scrub", CLEAN.toString(), "--out", tmp.resolve(dir).toString(),
                    "--config", conf.toString()), capture.err());
        }
        String a = Files.readString(tmp.resolve("a/clean-three-transactions.999"));
        String b = Files.readString(tmp.resolve("b/clean-three-transactions.999"));
        assertTrue(a.startsWith("ISA*00*          *00*          *30*991234567      *ZZ*CDL40417       *"), a);
        assertEquals("000000001", a.split("\\*")[13], "the first answer of a new sequence");
        assertEquals("000000003", b.split("\\*")[13], "the second run goes on (its 999 after two answers)");
        assertEquals("5\n", Files.readString(tmp.resolve("numbers")), "four answers taken from the file");
    }

    @Test
    void aJsonLogFileHasOneParseableEventPerFileEvenWithANewlineInItsName() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(CLEAN, in.resolve("two\nlines.edi"));
        Path log = tmp.resolve("scrub.log");
        assertEquals(Main.OK, Main.run("scrub", in.toString(), "--out", tmp.resolve("out").toString(),
                "--log-file", log.toString(), "--log-level", "info", "--log-format", "json", "-q"), capture.err());
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), String.join("\n", lines));
        try (JsonParser p = new JsonFactory().createParser(lines.get(0))) {
            String message = null;
            String level = null;
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                if (k.equals("message")) {
                    message = p.getText();
                } else if (k.equals("level")) {
                    level = p.getText();
                }
            }
            assertEquals("INFO", level);
            assertTrue(message.contains("two\nlines.edi: 9 claims"), message);
        }
        assertTrue(!capture.err().contains("lines.edi"), "the log went to the file, not stderr: " + capture.err());
    }
}
