package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** findings.json is valid JSON with one claim, and one error, per line: a big file can be read line by line. */
class FindingsJsonLayoutTest {
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path out;

    /** Reads one JSON object from {@code text}, checks it ends there, and returns its "id" (or null). */
    private static String objectId(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), text);
            String id = null;
            int depth = 1;
            while (depth > 0) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("id")) {
                    p.nextToken();
                    id = p.getText();
                }
            }
            assertNull(p.nextToken(), "one object on the line: " + text);
            return id;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defect-d1354-multi-tooth.edi", "clean-three-transactions.edi", "broken-se-count.edi"})
    void oneClaimPerLineAndValidAsAWhole(String sample) throws IOException {
        ScrubSummary s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withOutputs(
                java.util.EnumSet.of(Output.FINDINGS_JSON))).scrub(Path.of("edi-samples", sample), out);
        String text = Files.readString(out.resolve(Output.FINDINGS_JSON.fileName(sample)));
        assertTrue(text.endsWith("]}\n"), "ends with the document and a newline");

        // the whole document parses
        int claims = 0;
        try (JsonParser p = JSON.createParser(text)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("id")) {
                    claims++;
                }
            }
        }
        assertEquals(s.claims(), claims);

        // and each claim line parses on its own
        List<String> claimLines = text.lines().filter(l -> l.startsWith("{\"id\":")).toList();
        assertEquals(s.claims(), claimLines.size(), text);
        for (String line : claimLines) {
            String object = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
            assertTrue(objectId(object).length() > 0, line);
        }
    }
}
