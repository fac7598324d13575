package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** findings.json carries what the annotated XML does: element names, REF*6R, ST02, the version, a 999 cause. */
class FindingsJsonFieldsTest {
    @TempDir
    Path out;

    /** Each finding's fields as flat strings (the cause's prefixed "cause."), with its claim's id, st and file's version. */
    private List<Map<String, String>> findings(String sample) throws IOException {
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withOutputs(EnumSet.of(Output.FINDINGS_JSON)))
                .scrub(Path.of("edi-samples", sample), out);
        List<Map<String, String>> all = new ArrayList<>();
        String version = null;
        try (JsonParser p = new JsonFactory().createParser(out.resolve(Output.FINDINGS_JSON.fileName(sample))
                .toFile())) {
            Map<String, String> claim = new LinkedHashMap<>();
            Map<String, String> f = null;
            String prefix = "";
            List<String> path = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = p.currentName();
                if (t == JsonToken.START_OBJECT && "cause".equals(name)) {
                    prefix = "cause.";
                } else if (t == JsonToken.START_OBJECT && "findings".equals(path.isEmpty() ? null
                        : path.get(path.size() - 1))) {
                    f = new LinkedHashMap<>(claim);
                    f.put("toothcomb", version);
                } else if (t == JsonToken.END_OBJECT && !prefix.isEmpty()) {
                    prefix = "";
                } else if (t == JsonToken.END_OBJECT && f != null) {
                    all.add(f);
                    f = null;
                } else if (t == JsonToken.START_ARRAY) {
                    path.add(name);
                } else if (t == JsonToken.END_ARRAY) {
                    path.remove(path.size() - 1);
                } else if (t.isScalarValue()) {
                    if (f != null) {
                        f.put(prefix + name, p.getValueAsString());
                    } else if ("toothcomb".equals(name)) {
                        version = p.getText();
                    } else if ("id".equals(name) || "st".equals(name)) {
                        claim.put(name, p.getText());
                    }
                }
            }
        }
        return all;
    }

    private static Map<String, String> rule(List<Map<String, String>> all, String rule) {
        return all.stream().filter(f -> rule.equals(f.get("rule"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " finding in " + all));
    }

    @Test
    void elementNamesLineControlNumberAndSetAsInTheXml() throws IOException {
        Map<String, String> f = rule(findings("defect-d1354-quantity.edi"), "D1354-PER-TOOTH");
        assertEquals("SV3", f.get("segmentId"));
        assertEquals("SV306", f.get("elementName"));
        assertEquals("6", f.get("element"), "the documented field stays");
        assertEquals(Version.NUMBER, f.get("toothcomb"));
        assertEquals("0001", f.get("st"));
        String text = Files.readString(Path.of("edi-samples/defect-d1354-quantity.edi"));
        assertTrue(text.contains("REF*6R*" + f.get("lineControlNumber") + "~"), "the line's REF*6R: " + f);
    }

    @Test
    void componentNamesAndTheCauseOfAnX12999Finding() throws IOException {
        List<Map<String, String>> all = findings("broken-guide.edi");
        Map<String, String> s = rule(all, "SURFACE-LETTERS");
        assertEquals("TOO03-01", s.get("elementName"));
        assertEquals("TOO", s.get("segmentId"));
        Map<String, String> x = rule(all, "X12-999");
        assertEquals("0002", x.get("st"));
        assertEquals("51", x.get("cause.segment"));
        assertEquals("NTE", x.get("cause.segmentId"));
        assertEquals("NTE02", x.get("cause.elementName"));
        // a set rejected for its SE count: the cause is the SE, outside the claim
        Map<String, String> se = rule(findings("broken-se-count.edi"), "X12-999");
        assertEquals("SE", se.get("cause.segmentId"));
    }
}
