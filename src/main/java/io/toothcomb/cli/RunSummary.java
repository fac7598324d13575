package io.toothcomb.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.ReportHtmlWriter;
import io.toothcomb.writers.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of {@code scrub} found over all its files: the console's table of findings by rule and severity,
 * {@code --summary-json}, and the {@code index.html} over the files' reports.
 */
final class RunSummary {
    private RunSummary() {
    }

    /** Every file's counts by rule added up, sorted by rule id. */
    static List<ScrubSummary.RuleCount> totals(List<ScrubSummary> files) {
        Map<String, int[]> m = new TreeMap<>();
        for (ScrubSummary s : files) {
            for (ScrubSummary.RuleCount c : s.rules()) {
                int[] n = m.computeIfAbsent(c.rule(), k -> new int[4]);
                n[0] += c.errors();
                n[1] += c.warnings();
                n[2] += c.infos();
                n[3] += c.rejectedClaims();
            }
        }
        List<ScrubSummary.RuleCount> out = new ArrayList<>();
        m.forEach((rule, n) -> out.add(new ScrubSummary.RuleCount(rule, n[0], n[1], n[2], n[3])));
        return out;
    }

    /** The console's table: one line per rule that found something, then the totals; "" when nothing was found. */
    static String byRule(List<ScrubSummary> files) {
        List<ScrubSummary.RuleCount> rules = totals(files);
        if (rules.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        String f = "%-28s %8s %8s %8s %9s%n";
        b.append(String.format(Locale.ROOT, "%nfindings by rule%s:%n",
                files.size() > 1 ? " (" + files.size() + " files)" : ""));
        b.append(String.format(Locale.ROOT, f, "RULE", "ERRORS", "WARNINGS", "INFOS", "REJECTED"));
        int e = 0;
        int w = 0;
        int i = 0;
        for (ScrubSummary.RuleCount c : rules) {
            b.append(String.format(Locale.ROOT, f, c.rule(), c.errors(), c.warnings(), c.infos(),
                    c.rejectedClaims()));
            e += c.errors();
            w += c.warnings();
            i += c.infos();
        }
        int rejected = files.stream().mapToInt(ScrubSummary::rejected).sum();
        b.append(String.format(Locale.ROOT, f, "total", e, w, i, rejected));
        b.append("(REJECTED: the claims a rule rejected; the total counts each rejected claim once)\n");
        return b.toString();
    }

    /** {@code --summary-json}: per file and in total; written to a temporary name and moved into place. */
    static void writeJson(Path target, List<ScrubSummary> files, int inputs) throws IOException {
        try (AtomicOutput o = new AtomicOutput(target.toAbsolutePath())) {
            JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .createGenerator(o.stream(), JsonEncoding.UTF8);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("toothcomb", Version.NUMBER);
            g.writeNumberField("inputs", inputs);
            g.writeNumberField("failed", inputs - files.size());
            g.writeArrayFieldStart("files");
            for (ScrubSummary s : files) {
                g.writeStartObject();
                g.writeStringField("file", s.file());
                counts(g, List.of(s), s.rules());
                g.writeBooleanField("envelopeRejected", s.envelopeRejected());
                g.writeNumberField("bytes", s.bytes());
                g.writeNumberField("seconds", Math.round(s.seconds() * 1000) / 1000.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("total");
            counts(g, files, totals(files));
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            g.close();
            o.commit();
        }
    }

    private static void counts(JsonGenerator g, List<ScrubSummary> files, List<ScrubSummary.RuleCount> rules)
            throws IOException {
        g.writeNumberField("claims", files.stream().mapToInt(ScrubSummary::claims).sum());
        g.writeNumberField("accepted", files.stream().mapToInt(ScrubSummary::accepted).sum());
        g.writeNumberField("rejected", files.stream().mapToInt(ScrubSummary::rejected).sum());
        g.writeNumberField("errors", files.stream().mapToInt(ScrubSummary::errors).sum());
        g.writeNumberField("warnings", files.stream().mapToInt(ScrubSummary::warnings).sum());
        g.writeNumberField("infos", files.stream().mapToInt(ScrubSummary::infos).sum());
        g.writeArrayFieldStart("rules");
        for (ScrubSummary.RuleCount c : rules) {
            g.writeStartObject();
            g.writeStringField("rule", c.rule());
            g.writeNumberField("errors", c.errors());
            g.writeNumberField("warnings", c.warnings());
            g.writeNumberField("infos", c.infos());
            g.writeNumberField("rejectedClaims", c.rejectedClaims());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code index.html} over the files of a folder run, each linking to its report; written atomically. */
    static void writeIndex(Path target, List<ScrubSummary> files) throws IOException {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\">\n<title>toothcomb: ").append(files.size()).append(" files</title>\n"
                + "<style>body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#1b1f23}"
                + "table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left}"
                + "th{background:#eef1f4}td.n{text-align:right}.bad{color:#b42318;font-weight:600}</style>"
                + "</head><body>\n<h1>toothcomb: ").append(files.size()).append(" files</h1>\n<p>toothcomb ")
                .append(Version.NUMBER).append(". Each file's report lists its claims with findings.</p>\n");
        b.append("<table id=\"tc-files\"><tr><th>File</th><th>Claims</th><th>Accepted</th><th>Rejected</th>"
                + "<th>Errors</th><th>Warnings</th><th>Infos</th><th>999</th></tr>\n");
        for (ScrubSummary s : files) {
            String report = Output.REPORT_HTML.fileName(s.file());
            b.append("<tr><td><a href=\"").append(ReportHtmlWriter.html(href(report))).append("\">")
                    .append(ReportHtmlWriter.html(s.file())).append("</a></td>");
            cells(b, s.claims(), s.accepted(), s.rejected(), s.errors(), s.warnings(), s.infos());
            b.append(s.envelopeRejected() ? "<td class=\"bad\">rejects</td>" : "<td>accepts</td>").append("</tr>\n");
        }
        b.append("<tr><th>total</th>");
        cells(b, files.stream().mapToInt(ScrubSummary::claims).sum(),
                files.stream().mapToInt(ScrubSummary::accepted).sum(),
                files.stream().mapToInt(ScrubSummary::rejected).sum(),
                files.stream().mapToInt(ScrubSummary::errors).sum(),
                files.stream().mapToInt(ScrubSummary::warnings).sum(),
                files.stream().mapToInt(ScrubSummary::infos).sum());
        b.append("<td></td></tr>\n</table>\n<h2>Findings by rule, all files</h2>\n<table id=\"tc-by-rule\"><tr>"
                + "<th>Rule</th><th>Rejected claims</th><th>Errors</th><th>Warnings</th><th>Infos</th></tr>\n");
        for (ScrubSummary.RuleCount c : totals(files)) {
            b.append("<tr><td>").append(ReportHtmlWriter.html(c.rule())).append("</td>");
            cells(b, c.rejectedClaims(), c.errors(), c.warnings(), c.infos());
            b.append("</tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        try (AtomicOutput o = new AtomicOutput(target.toAbsolutePath())) {
            OutputStream s = o.stream();
            s.write(b.toString().getBytes(StandardCharsets.UTF_8));
            o.commit();
        }
    }

    private static void cells(StringBuilder b, int... ns) {
        for (int n : ns) {
            b.append("<td class=\"n\">").append(n).append("</td>");
        }
    }

    private static String href(String fileName) {
        return java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
