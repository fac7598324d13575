package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NAME.report.html: what the page holds (its data, totals, no PHI, nothing fetched), without a browser. */
class ReportHtmlTest {
    @TempDir
    Path out;

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".edi")).sorted().toList().stream();
        }
    }

    private String report(Path input) throws IOException {
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withOutputs(
                EnumSet.of(Output.REPORT_HTML, Output.FINDINGS_JSON))).scrub(input, out);
        return Files.readString(out.resolve(Output.REPORT_HTML.fileName(input.getFileName().toString())),
                StandardCharsets.UTF_8);
    }

    /**
     * The PHI of a sample: every person's names (NM1*IL and NM1*QC, NM103 to NM105), member ids (NM109), birth dates
     * (DMG02, as sent and as yyyy-mm-dd) and street addresses (N301) of subscribers and patients.
     */
    static Set<String> phi(Path sample) throws IOException {
        String text = Files.readString(sample, StandardCharsets.ISO_8859_1);
        int isa = text.indexOf("ISA");
        if (isa < 0 || text.length() < isa + 106) {
            return Set.of();
        }
        String el = Pattern.quote(String.valueOf(text.charAt(isa + 3)));
        String terminator = String.valueOf(text.charAt(isa + 105));
        Set<String> out = new LinkedHashSet<>();
        boolean person = false;
        for (String seg : text.split(Pattern.quote(terminator))) {
            String[] e = seg.strip().split(el, -1);
            if (e[0].equals("NM1")) {
                person = e.length > 1 && (e[1].equals("IL") || e[1].equals("QC"));
                if (person) {
                    for (int i : new int[] {3, 4, 5, 9}) {
                        if (e.length > i && e[i].length() >= 3) {
                            out.add(e[i]);
                        }
                    }
                }
            } else if (e[0].equals("DMG") && e.length > 2 && e[2].length() == 8) {
                out.add(e[2]);
                out.add(e[2].substring(0, 4) + "-" + e[2].substring(4, 6) + "-" + e[2].substring(6));
            } else if (person && e[0].equals("N3") && e.length > 1 && e[1].length() >= 3) {
                out.add(e[1]);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void noNamesMemberIdsOrBirthDatesInThePage(String name) throws IOException {
        Path sample = Path.of("edi-samples", name);
        String page = report(sample);
        Set<String> phi = phi(sample);
        if (!name.startsWith("broken-truncated") && !name.startsWith("broken-wrong")) {
            assertFalse(phi.isEmpty(), "the sample's PHI was found (else this test proves nothing)");
        }
        for (String p : phi) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(p) + "(?![A-Za-z0-9])").matcher(page);
            assertFalse(m.find(), name + ": the report shows PHI '" + p + "'"
                    + (m.find(0) ? " near: " + page.substring(Math.max(0, m.start() - 60), m.end() + 20) : ""));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void selfContainedAndItsDataAreTheFindingsJsonClaims(String name) throws IOException {
        Path sample = Path.of("edi-samples", name);
        String page = report(sample);
        assertFalse(Pattern.compile("(?i)(https?:|//[a-z]|<link|\\bsrc=|@import|url\\()").matcher(page).find(),
                "nothing to fetch: no link, source, import or URL");
        assertTrue(page.contains("<style>") && page.contains("<script>"), "inline stylesheet and script");
        // the embedded rows are the claims with findings, in findings.json's order, with its verdicts
        String json = Files.readString(out.resolve(Output.FINDINGS_JSON.fileName(name)));
        List<String> expected = new ArrayList<>();
        Matcher c = Pattern.compile("\\{\"id\":\"([^\"]*)\",\"status\":\"(\\w+)\",\"pack\":\"[^\"]*\"(?:,\"st\":\"[^\"]*\")?,\"findings\":\\[(.)")
                .matcher(json);
        while (c.find()) {
            if (!c.group(3).equals("]")) {
                expected.add(c.group(1) + "/" + (c.group(2).equals("rejected") ? 1 : 0));
            }
        }
        assertEquals(expected, rows(page), name);
        Matcher total = Pattern.compile("id=\"tc-total-rejected\"[^>]*>(\\d+)<").matcher(page);
        assertTrue(total.find());
        assertEquals(Pattern.compile("\"status\":\"rejected\"").matcher(json).results().count(),
                Long.parseLong(total.group(1)), "the rejected total");
    }

    /** Claim id and verdict of each row of the page's data. */
    static List<String> rows(String page) throws IOException {
        int from = page.indexOf("id=\"tc-claims\">") + "id=\"tc-claims\">".length();
        String data = page.substring(from, page.indexOf("</script>", from));
        List<String> ids = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(data)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                String id = p.getText();
                p.nextToken();
                ids.add(id + "/" + p.getIntValue());
                p.skipChildren(); // not a container: moves on below
                int depth = 1;
                while (depth > 0) {
                    JsonToken t = p.nextToken();
                    depth += t == JsonToken.START_ARRAY ? 1 : t == JsonToken.END_ARRAY ? -1 : 0;
                }
            }
        }
        return ids;
    }

    /** A claim id or message holding markup cannot end the data's script element nor inject any. */
    @Test
    void markupInTheDataIsEscaped() throws IOException {
        String text = Files.readString(Path.of("edi-samples/defect-missing-tooth.edi"), StandardCharsets.ISO_8859_1);
        Matcher clm = Pattern.compile("CLM\\*([^*]+)\\*").matcher(text);
        assertTrue(clm.find());
        Path f = out.resolve("markup.edi");
        // same length, so that no count changes: the claim id gets < / > in its place
        String id = clm.group(1);
        String evil = ("</script><b>" + id).substring(0, id.length());
        Files.writeString(f, text.replace("CLM*" + id + "*", "CLM*" + evil + "*"), StandardCharsets.ISO_8859_1);
        String page = report(f);
        assertFalse(page.contains(evil), "the id appears only escaped");
        assertEquals(2, page.split("</script>", -1).length - 1, "the data script and the code script end once each");
    }

    @Test
    void countsByPayerAndPackAddUp() throws IOException {
        String page = report(Path.of("edi-samples/defect-sdf-medicaid.edi"));
        Matcher payer = Pattern.compile("<tr><td><a href=\"#payer=SMD77\">SMD77</a></td><td>[^<]*</td>"
                + "<td class=\"n\">(\\d+)</td><td class=\"n\">(\\d+)</td>").matcher(page);
        assertTrue(payer.find(), "a row for the payer");
        assertEquals("6/4", payer.group(1) + "/" + payer.group(2));
        assertTrue(page.contains("<a href=\"#pack=medicaid\">medicaid</a></td><td class=\"n\">6</td>"
                + "<td class=\"n\">4</td>"));
        Set<String> rules = new TreeSet<>();
        Pattern.compile("<tr data-rule=\"([^\"]+)\">").matcher(page).results().forEach(r -> rules.add(r.group(1)));
        assertTrue(rules.contains("D1354-D1355-SAME-TOOTH") && rules.contains("PATIENT-AGE"), rules.toString());
    }
}
