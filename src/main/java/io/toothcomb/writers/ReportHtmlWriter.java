package io.toothcomb.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code NAME.report.html}, the page a billing office opens: the file's totals, its findings by rule, by
 * payer and by pack, and every claim with a finding (rejected first in the default view), with filters and pages.
 *
 * <p>Self-contained (inline CSS and script, nothing fetched) and streamed: the claims go out as they come, as a
 * compact JSON array inside {@code <script type="application/json" id="tc-claims">} (one claim per line, strings
 * with {@code <>&} escaped so nothing in them can end the script element); the totals, known only at the end,
 * follow as plain HTML that CSS places at the top, so they show even without the script. The script renders one
 * page of claims at a time and reads its filters from the URL fragment ({@code #rule=D1354-PER-TOOTH&sev=error}).
 * Memory is the counts by payer and pack, whatever the file's size.
 *
 * <p>No PHI: a claim shows only its CLM01 (the patient control number), payer id, pack and ST02, and the
 * findings' messages, which never carry PHI; no name, member id or birth date is written.
 */
public final class ReportHtmlWriter extends SetJoiner<ReportHtmlWriter> implements SetWriter.Part {
    private static final JsonFactory FACTORY = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** JSON strings that are safe inside a script element: {@code < > &} as \\u escapes. */
    private static final CharacterEscapes SCRIPT_SAFE = new CharacterEscapes() {
        private final int[] table;

        {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // only the standard escapes
        }
    };

    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private final OutputStream out;
    private final Clock clock;
    private JsonGenerator json;
    /** Claims with findings written (by a part: of its set). */
    private int rows;
    /** Per payer id: claims, rejected; and the payer's name (NM1*PR03). */
    private final Map<String, int[]> payers = new TreeMap<>();
    private final Map<String, String> payerNames = new TreeMap<>();
    /** Per pack: claims, rejected. */
    private final Map<String, int[]> packs = new TreeMap<>();
    /** The 999's word on the current transaction set (for an X12-999 finding's cause). */
    private TransactionAck currentAck;

    public ReportHtmlWriter(OutputStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Part forSet(OutputStream partOut) {
        ReportHtmlWriter part = new ReportHtmlWriter(partOut, clock);
        part.json = generator(partOut);
        return part;
    }

    @Override
    void takeOver(ReportHtmlWriter p) {
        p.payers.forEach((k, v) -> add(payers, k, v[0], v[1]));
        p.packs.forEach((k, v) -> add(packs, k, v[0], v[1]));
        p.payerNames.forEach(payerNames::putIfAbsent);
    }

    @Override
    boolean wrote(ReportHtmlWriter p) {
        return p.rows != 0;
    }

    @Override
    void open(ReportHtmlWriter p) throws IOException {
        if (rows > 0) {
            json.writeRaw(",\n");
        }
    }

    @Override
    void place(Fragment bytes) throws IOException {
        json.flush();
        bytes.writeTo(out);
    }

    @Override
    void close(ReportHtmlWriter p) {
        rows += p.rows;
    }

    @Override
    public void finish() throws IOException {
        json.close();
    }

    @Override
    public boolean wantsCleanSegments() {
        return false;
    }

    private static JsonGenerator generator(OutputStream o) {
        try {
            JsonGenerator g = FACTORY.createGenerator(o, JsonEncoding.UTF8);
            g.setCharacterEscapes(SCRIPT_SAFE);
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(String fileName) throws IOException {
        write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // nothing may be fetched: no network, no CDN, not even a favicon
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                + "<title>toothcomb report: " + html(fileName) + "</title>\n<style>\n" + CSS + "</style></head>\n"
                + "<body><main>\n"
                + "<section id=\"tc-filters\" hidden>"
                + "<label>Status <select id=\"tc-f-status\"><option value=\"rejected\">rejected claims</option>"
                + "<option value=\"accepted\">accepted claims with findings</option>"
                + "<option value=\"all\">all claims with findings</option></select></label>"
                + "<label>Rule <select id=\"tc-f-rule\"></select></label>"
                + "<label>Severity <select id=\"tc-f-sev\"><option value=\"\">any severity</option>"
                + "<option value=\"error\">error</option><option value=\"warning\">warning</option>"
                + "<option value=\"info\">info</option></select></label>"
                + "<label>Payer <select id=\"tc-f-payer\"></select></label>"
                + "<label>Pack <select id=\"tc-f-pack\"></select></label>"
                + "<label>Search <input id=\"tc-f-q\" type=\"search\" placeholder=\"claim id, rule, text\"></label>"
                + "<span><b id=\"tc-shown\"></b> claims match</span></section>\n"
                + "<section id=\"tc-claims-section\"><h2>Claims with findings</h2>"
                + "<noscript><p>The list of claims needs JavaScript; the totals above do not.</p></noscript>"
                + "<div class=\"pager\"><button id=\"tc-first\">first</button><button id=\"tc-prev\">previous</button>"
                + "<span id=\"tc-page-info\"></span><button id=\"tc-next\">next</button>"
                + "<button id=\"tc-last\">last</button></div>"
                + "<div id=\"tc-list\"></div></section>\n"
                + "<script type=\"application/json\" id=\"tc-claims\">[\n");
        json = generator(out);
    }

    @Override
    public void transactionStart(TransactionHeader header, TransactionAck ack) {
        currentAck = ack;
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        String payer = r.claim().payerId();
        boolean rejected = r.rejected();
        add(payers, payer, 1, rejected ? 1 : 0);
        add(packs, r.pack(), 1, rejected ? 1 : 0);
        if (r.claim().payer() != null && !payerNames.containsKey(payer)) {
            payerNames.put(payer, nz(r.claim().payer().name()));
        }
        List<Finding> findings = r.findings();
        if (findings.isEmpty()) {
            return;
        }
        if (rows++ > 0) {
            json.writeRaw(",\n");
        }
        json.writeStartArray();
        json.writeString(r.claim().id());
        json.writeNumber(rejected ? 1 : 0);
        json.writeString(payer);
        json.writeString(r.pack());
        json.writeString(r.claim().transaction() == null ? "" : nz(r.claim().transaction().controlNumber()));
        json.writeStartArray();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            int segment = f.segment();
            String segmentId = FindingPlace.segmentId(r.unit(), segment);
            String element = FindingPlace.elementName(segmentId, f.element(), f.component());
            if (f.rule().equals(ClaimResult.ENVELOPE_RULE)) {
                SyntaxError cause = FindingPlace.cause(r.unit(), currentAck);
                if (cause != null && cause.segment() > 0) { // point at what the 999 found, not at the CLM
                    segment = cause.segment();
                    segmentId = nz(cause.segmentId());
                    element = FindingPlace.elementName(cause);
                }
            }
            json.writeStartArray();
            json.writeString(f.rule());
            json.writeNumber(f.severity().ordinal());
            json.writeNumber(f.line() == null ? 0 : f.line());
            json.writeNumber(segment);
            json.writeString(segmentId);
            json.writeString(element);
            json.writeString(FindingPlace.lineControlNumber(r, f));
            json.writeString(f.message());
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndArray();
    }

    private static void add(Map<String, int[]> m, String key, int claims, int rejected) {
        int[] n = m.computeIfAbsent(key, k -> new int[2]);
        n[0] += claims;
        n[1] += rejected;
    }

    @Override
    public void end(FileAck syntax, ScrubSummary s) throws IOException {
        json.writeRaw("\n]");
        json.close();
        StringBuilder b = new StringBuilder(8192);
        b.append("</script>\n<section id=\"tc-summary\">\n<h1>toothcomb report: ").append(html(s.file()))
                .append("</h1>\n<p class=\"meta\">Written ")
                .append(LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" by toothcomb ").append(html(Version.NUMBER)).append(" \u00b7 ")
                .append(String.format(java.util.Locale.ROOT, "%.1f MB, %d segments", s.bytes() / 1e6, s.segments()))
                .append(" \u00b7 the 999 ")
                .append(s.envelopeRejected() ? "<b class=\"bad\">rejects</b> part of this file (see its .999)"
                        : "accepts it").append("</p>\n<dl class=\"totals\">");
        total(b, "claims", "Claims", s.claims(), "");
        total(b, "accepted", "Accepted", s.accepted(), "ok");
        total(b, "rejected", "Rejected", s.rejected(), s.rejected() > 0 ? "bad" : "");
        total(b, "errors", "Errors", s.errors(), s.errors() > 0 ? "bad" : "");
        total(b, "warnings", "Warnings", s.warnings(), s.warnings() > 0 ? "warn" : "");
        total(b, "infos", "Infos", s.infos(), "info");
        b.append("</dl>\n<div class=\"grid\">\n");
        byRule(b, s);
        b.append("<div><h2>Rejects by payer</h2><div class=\"scroll\"><table id=\"tc-by-payer\"><tr><th>Payer</th>"
                + "<th>Name</th><th>Claims</th><th>Rejected</th></tr>");
        for (var e : payers.entrySet()) {
            b.append("<tr><td><a href=\"#payer=").append(html(url(e.getKey()))).append("\">")
                    .append(html(e.getKey().isEmpty() ? "-" : e.getKey())).append("</a></td><td>")
                    .append(html(payerNames.getOrDefault(e.getKey(), ""))).append("</td>");
            cells(b, e.getValue()[0], e.getValue()[1]);
        }
        b.append("</table></div></div>\n<div><h2>Rejects by pack</h2><table id=\"tc-by-pack\"><tr><th>Pack</th>"
                + "<th>Claims</th><th>Rejected</th></tr>");
        for (var e : packs.entrySet()) {
            b.append("<tr><td><a href=\"#pack=").append(html(url(e.getKey()))).append("\">").append(html(e.getKey()))
                    .append("</a></td>");
            cells(b, e.getValue()[0], e.getValue()[1]);
        }
        b.append("</table></div>\n</div>\n");
        fileErrors(b, syntax);
        b.append("</section>\n");
        write(b.toString());
        write("<script>\n" + SCRIPT + "</script>\n</main></body></html>\n");
        out.flush();
    }

    private static void total(StringBuilder b, String id, String label, int n, String cls) {
        b.append("<div><dt>").append(label).append("</dt><dd id=\"tc-total-").append(id).append('"')
                .append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append('>').append(n).append("</dd></div>");
    }

    private static void cells(StringBuilder b, int... ns) {
        for (int n : ns) {
            b.append("<td class=\"n\">").append(n).append("</td>");
        }
        b.append("</tr>\n");
    }

    private static void byRule(StringBuilder b, ScrubSummary s) {
        b.append("<div><h2>Findings by rule</h2><div class=\"scroll\"><table id=\"tc-by-rule\"><tr><th>Rule</th>"
                + "<th>Rejected claims</th><th>Errors</th><th>Warnings</th><th>Infos</th><th>What it checks</th></tr>");
        List<ScrubSummary.RuleCount> rules = new java.util.ArrayList<>(s.rules());
        rules.sort((x, y) -> x.rejectedClaims() != y.rejectedClaims()
                ? Integer.compare(y.rejectedClaims(), x.rejectedClaims()) : Integer.compare(y.total(), x.total()));
        for (ScrubSummary.RuleCount c : rules) {
            b.append("<tr data-rule=\"").append(html(c.rule())).append("\"><td><a href=\"#rule=")
                    .append(html(url(c.rule()))).append(c.rejectedClaims() > 0 ? "" : "&amp;status=all").append("\">")
                    .append(html(c.rule())).append("</a></td>");
            b.append("<td class=\"n\">").append(c.rejectedClaims()).append("</td><td class=\"n\">").append(c.errors())
                    .append("</td><td class=\"n\">").append(c.warnings()).append("</td><td class=\"n\">")
                    .append(c.infos()).append("</td><td>").append(html(summaryOf(c.rule()))).append("</td></tr>\n");
        }
        b.append("</table></div></div>\n");
    }

    private static String summaryOf(String rule) {
        if (rule.equals(RuleRegistry.ENVELOPE_RULE)) {
            return "the claim's transaction set was rejected in the 999; the payer will not see it";
        }
        if (rule.equals(RuleRegistry.SITUATION_RULE)) {
            return "a situational rule of the 837D implementation guide";
        }
        var type = RuleRegistry.installed().rules().get(rule);
        return type == null ? "" : RuleRegistry.info(type).summary();
    }

    /** The file's envelope and syntax errors (what the 999 reports), the first 200. */
    private static void fileErrors(StringBuilder b, FileAck syntax) {
        List<SyntaxError> all = FindingsJsonWriter.allErrors(syntax);
        if (all.isEmpty()) {
            return;
        }
        b.append("<h2>Envelope and syntax errors (the 999)</h2><div class=\"scroll\"><table id=\"tc-errors\">"
                + "<tr><th>Segment</th><th>Element</th><th>Error</th></tr>");
        int n = 0;
        for (SyntaxError e : all) {
            if (n++ == 200) {
                b.append("<tr><td colspan=\"3\">and ").append(all.size() - 200).append(" more (see the .999 and "
                        + "the findings.json)</td></tr>");
                break;
            }
            b.append("<tr><td>").append(e.segment() > 0 ? e.segment() + " " + html(nz(e.segmentId())) : "file")
                    .append("</td><td><code>").append(html(FindingPlace.elementName(e))).append("</code></td><td>")
                    .append(html(e.message())).append("</td></tr>\n");
        }
        b.append("</table></div>\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String html(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null || b != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r != null ? r : String.valueOf(c));
            }
        }
        return b == null ? s : b.toString();
    }

    private static String url(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String resource(String name) {
        try (InputStream in = ReportHtmlWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
