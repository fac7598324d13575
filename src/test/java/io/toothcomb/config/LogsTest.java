package io.toothcomb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log lines: a timestamp and a level, one event per line whatever a file name holds, JSON lines that parse. */
class LogsTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.toothcomb.test.LogsTest");

    @TempDir
    Path tmp;

    @AfterEach
    void back() throws ConfigException {
        Logs.configure(Logs.DEFAULT);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\nb\\r\\tc\\u001b[31m\\\\d\\u2028", LogText.escape("a\nb\r\tc\u001b[31m\\d\u2028"));
        assertEquals("plain name.edi", LogText.escape("plain name.edi"));
    }

    @Test
    void aNewlineInANameCannotForgeALine() throws Exception {
        Path log = tmp.resolve("text.log");
        Logs.configure(new Logs.Setup(log, "info", false));
        LOG.info("{}: scrubbed", "evil.edi\n2026-12-02T00:00:00.000+00:00 ERROR [main] Watcher: forged");
        LOG.debug("not at info");
        LOG.warn("second", new IOException("disk\nfull"));
        Logs.configure(Logs.DEFAULT);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), "two events, two lines: " + lines);
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[-+Z][0-9:]* INFO  \\[[^]]+] "
                + "LogsTest: evil\\.edi\\\\n2026.*forged: scrubbed"), lines.get(0));
        assertTrue(lines.get(1).contains(" WARN  ") && lines.get(1).endsWith("second | java.io.IOException: disk\\nfull"),
                lines.get(1));
    }

    @Test
    void jsonLinesParseOneEventEach() throws Exception {
        Path log = tmp.resolve("json.log");
        Logs.configure(new Logs.Setup(log, "debug", true));
        LOG.info("file {} taken", "a\"b\nc.edi");
        LOG.debug("detail");
        LOG.error("failed", new IllegalStateException("boom"));
        Logs.configure(Logs.DEFAULT);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), String.join("\n", lines));
        Map<String, String> first = parse(lines.get(0));
        assertEquals("INFO", first.get("level"));
        assertEquals("file a\"b\nc.edi taken", first.get("message"), "the name comes back exactly");
        assertEquals("io.toothcomb.test.LogsTest", first.get("logger"));
        assertTrue(first.get("time").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first.get("time"));
        assertEquals("DEBUG", parse(lines.get(1)).get("level"));
        assertEquals("java.lang.IllegalStateException: boom", parse(lines.get(2)).get("error"));
    }

    @Test
    void anUnwritableLogFileIsAConfigurationError() {
        Path log = tmp.resolve("no-such-folder-file").resolve("x.log");
        try {
            Files.writeString(tmp.resolve("no-such-folder-file"), "a file, not a folder");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> Logs.configure(new Logs.Setup(log, "info", false)));
        assertTrue(e.getMessage().startsWith("log.file " + log + " cannot be opened"), e.getMessage());
    }

    private static Map<String, String> parse(String line) throws IOException {
        Map<String, String> m = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, p.getText());
            }
            assertEquals(null, p.nextToken(), "one object per line");
        }
        return m;
    }
}
