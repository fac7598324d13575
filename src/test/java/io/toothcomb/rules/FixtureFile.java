package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule fixture: the claim part of an 837D (CLM onwards, one segment per line) that carries its own
 * expectations, in the manner of Error Prone's test inputs.
 *
 * <pre>
 * # what the fixture shows
 * #! filing=MC payer=SKNY0 dob=20180304 patient=dependent param.max=2
 * CLM*PC1*160***11:B:1*Y*A*Y*Y~
 * DTP*472*D8*20250310~
 * LX*1~
 * SV3*AD:D1354*160****4~   # expect D1354-PER-TOOTH
 * TOO*JP*3~
 * </pre>
 *
 * A {@code # expect RULE[,RULE]} comment after a segment says the named rules report a finding pointing at
 * that segment; no other finding may appear. An expectation may also name the element the finding points at
 * and text its message contains, as Error Prone's {@code // BUG: Diagnostic contains:} does:
 * {@code # expect TOOTH-AGE TOO02 "primary tooth"} (element 2 of the TOO segment, any component) or
 * {@code # expect RULE SV301-2} (element 1, component 2); the element's segment id must be the segment's own. {@code #!} sets the claim's context: SBR09 filing indicator,
 * payer id, patient birth date, whether the patient is the subscriber or a dependent (2000C), and rule
 * parameters. The fixture is wrapped in a complete interchange so it is a real 837D file.
 */
public final class FixtureFile {
    private final Path path;
    private final List<String> segments = new ArrayList<>();
    private final Map<Integer, List<Expectation>> expectations = new LinkedHashMap<>(); // index in segments -> rules

    /**
     * One expected finding: the rule, and optionally the element (position, and component or 0 for any) and a
     * piece of its message.
     */
    public record Expectation(String rule, String elementName, int element, int component, String text) {
        /** Whether a finding of this rule on the expected segment also meets the element and text. */
        public boolean matches(Finding f) {
            return f.rule().equals(rule)
                    && (element == 0 || f.element() == element && (component == 0 || f.component() == component))
                    && (text == null || f.message().contains(text));
        }

        @Override
        public String toString() {
            return rule + (elementName == null ? "" : " " + elementName) + (text == null ? "" : " \"" + text + "\"");
        }
    }

    private static final java.util.regex.Pattern EXPECT = java.util.regex.Pattern.compile(
            "\\s*([A-Z0-9][A-Z0-9-]*)(?:\\s+([A-Z][A-Z0-9]{1,2})(\\d{2})(?:-(\\d{1,2}))?)?(?:\\s+\"([^\"]*)\")?\\s*(?:,|$)");
    private final Map<String, String> params = new LinkedHashMap<>();
    private String filing = "CI";
    private String payer = "TCPAYER01";
    private String dob = "19800115";
    private boolean dependent;
    private int headerCount;

    private FixtureFile(Path path) {
        this.path = path;
    }

    public static FixtureFile read(Path path) throws IOException {
        FixtureFile f = new FixtureFile(path);
        int n = 0;
        for (String raw : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#!")) {
                for (String kv : line.substring(2).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(path + ":" + n + ": '" + kv + "' is not key=value");
                    }
                    String k = kv.substring(0, eq);
                    String v = kv.substring(eq + 1);
                    switch (k) {
                        case "filing" -> f.filing = v;
                        case "payer" -> f.payer = v;
                        case "dob" -> f.dob = v;
                        case "patient" -> f.dependent = v.equals("dependent");
                        default -> {
                            if (!k.startsWith("param.")) {
                                throw new IllegalArgumentException(path + ":" + n + ": unknown directive " + k);
                            }
                            f.params.put(k.substring("param.".length()), v);
                        }
                    }
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String seg = line;
            String comment = "";
            int hash = line.indexOf('#');
            if (hash >= 0) {
                seg = line.substring(0, hash).strip();
                comment = line.substring(hash + 1).strip();
            }
            if (seg.endsWith("~")) {
                seg = seg.substring(0, seg.length() - 1);
            }
            f.segments.add(seg);
            if (comment.startsWith("expect")) {
                f.expectations.put(f.segments.size() - 1, parseExpect(comment.substring("expect".length()), seg,
                        path + ":" + n));
            }
        }
        return f;
    }

    private static List<Expectation> parseExpect(String text, String segment, String where) {
        List<Expectation> out = new ArrayList<>();
        java.util.regex.Matcher m = EXPECT.matcher(text);
        int at = 0;
        String segId = segment.split("\\*", 2)[0];
        while (at < text.length() && !text.substring(at).isBlank()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(where + ": cannot read the expectation '" + text.substring(at).strip()
                        + "'; write RULE-ID, optionally followed by an element such as SV301 or TOO03-1 and by"
                        + " \"text the message contains\", several separated by commas");
            }
            String elementName = null;
            int element = 0;
            int component = 0;
            if (m.group(2) != null) {
                if (!m.group(2).equals(segId)) {
                    throw new IllegalArgumentException(where + ": the expectation names element " + m.group(2)
                            + m.group(3) + " but the segment is " + segId);
                }
                element = Integer.parseInt(m.group(3));
                component = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                elementName = m.group(2) + m.group(3) + (m.group(4) == null ? "" : "-" + m.group(4));
            }
            out.add(new Expectation(m.group(1), elementName, element, component, m.group(5)));
            at = m.end();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(where + ": '# expect' names no rule");
        }
        return out;
    }

    public Path path() {
        return path;
    }

    public Map<String, String> params() {
        return params;
    }

    /** The fixture as a complete 837D interchange. */
    public String toX12() {
        List<String> out = new ArrayList<>();
        out.add("ISA*00*          *00*          *ZZ*TCSUBMIT       *ZZ*TCRECEIVE      *250101*1200*^*00501*000000101*0*T*:");
        out.add("GS*HC*TCSUBMIT*TCRECEIVE*20250101*1200*101*X*005010X224A2");
        List<String> tx = new ArrayList<>();
        tx.add("ST*837*0001*005010X224A2");
        tx.add("BHT*0019*00*FIXTURE1*20250101*1200*CH");
        tx.add("NM1*41*2*FIXTURE SUBMITTER*****46*TCSUBMIT");
        tx.add("PER*IC*BILLING*TE*5555550100");
        tx.add("NM1*40*2*FIXTURE PAYER*****46*TCRECEIVE");
        tx.add("HL*1**20*1");
        tx.add("NM1*85*2*FIXTURE DENTAL GROUP*****XX*1234567893");
        tx.add("N3*100 MAIN ST");
        tx.add("N4*SPRINGFIELD*IL*627010000");
        tx.add("REF*EI*123456789");
        tx.add("HL*2*1*22*" + (dependent ? "1" : "0"));
        tx.add("SBR*P*" + (dependent ? "" : "18") + "*GRP100******" + filing);
        tx.add("NM1*IL*1*DOE*JANE****MI*MEMBER001");
        if (!dependent) {
            // the subscriber is the patient: the guide wants the address and demographics here (5010 2010BA)
            tx.add("N3*12 ELM ST");
            tx.add("N4*SPRINGFIELD*IL*627010000");
            tx.add("DMG*D8*" + dob + "*F");
        }
        tx.add("NM1*PR*2*FIXTURE PAYER*****PI*" + payer);
        if (dependent) {
            tx.add("HL*3*2*23*0");
            tx.add("PAT*19");
            tx.add("NM1*QC*1*DOE*SAM");
            tx.add("N3*12 ELM ST");
            tx.add("N4*SPRINGFIELD*IL*627010000");
            tx.add("DMG*D8*" + dob + "*M");
        }
        headerCount = 2 + tx.size();
        tx.addAll(segments);
        tx.add("SE*" + (tx.size() + 1) + "*0001");
        out.addAll(tx);
        out.add("GE*1*101");
        out.add("IEA*1*000000101");
        return String.join("~\n", out) + "~\n";
    }

    /** Segment ordinal (in {@link #toX12()}) to the rules expected to point at it. */
    public Map<Integer, List<String>> expectedBySegment() {
        Map<Integer, List<String>> m = new LinkedHashMap<>();
        expectationsBySegment().forEach((seg, es) -> m.put(seg, es.stream().map(Expectation::rule).toList()));
        return m;
    }

    /** Segment ordinal (in {@link #toX12()}) to the findings expected to point at it, with element and text. */
    public Map<Integer, List<Expectation>> expectationsBySegment() {
        if (headerCount == 0) {
            toX12();
        }
        Map<Integer, List<Expectation>> m = new LinkedHashMap<>();
        expectations.forEach((i, es) -> m.put(headerCount + i + 1, es));
        return m;
    }

    public boolean expectsFindings() {
        return !expectations.isEmpty();
    }

    /** Segment text by ordinal, for failure messages. */
    public String segmentAt(int ordinal) {
        int i = ordinal - headerCount - 1;
        return i >= 0 && i < segments.size() ? segments.get(i) : "(header segment " + ordinal + ")";
    }
}
