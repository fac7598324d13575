package io.toothcomb.writers;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.reader.Segment;
import io.toothcomb.rules.Finding;
import io.toothcomb.scrub.ClaimResult;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code NAME.annotated.xml}: the whole file as XML (interchange, group, transaction, loops, segments,
 * elements, with the names the Smooks mapping uses), each rule finding as a {@code <finding>} and each syntax
 * error as an {@code <error>} inside the segment it points at, and each claim's verdict on its Loop2300.
 * Streamed segment by segment through a byte-level writer: it is the largest output.
 */
public final class AnnotatedXmlWriter implements ScrubListener {
    private final XmlBytes xml;
    private final Deque<String> open = new ArrayDeque<>();

    public AnnotatedXmlWriter(OutputStream out) {
        this.xml = new XmlBytes(out);
    }

    @Override
    public void start(String fileName) throws IOException {
        xml.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AnnotatedFile");
        xml.attribute("file", fileName);
        xml.attribute("generator", "toothcomb");
        xml.ascii(">");
    }

    @Override
    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) throws IOException {
        place(s, loop, null);
        writeSegment(s, errors, List.of());
        switch (s.id()) {
            case "SE", "GE", "IEA" -> pop();
            default -> {
            }
        }
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        List<Segment> segs = r.unit().segments();
        List<LoopMark> loops = r.unit().loops();
        boolean annotated = !r.findings().isEmpty() || !r.unit().errors().isEmpty();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            place(s, loops.get(i), i == 0 ? r : null);
            if (annotated) {
                writeSegment(s, r.unit().errorsOn(s.ordinal()), r.findingsOn(s.ordinal()));
            } else {
                writeSegment(s, List.of(), List.of());
            }
        }
    }

    /** Opens and closes envelope and loop elements so that {@code s} lands in the right place. */
    private void place(Segment s, LoopMark mark, ClaimResult claim) throws IOException {
        switch (s.id()) {
            case "ISA" -> {
                closeTo(null);
                push("IC", "Interchange");
                return;
            }
            case "GS" -> {
                closeTo("IC");
                push("FG", "FunctionalGroup");
                return;
            }
            case "ST" -> {
                closeTo("FG");
                push("TX", "Transaction");
                return;
            }
            case "SE" -> {
                closeTo("TX");
                return;
            }
            case "GE" -> {
                closeTo("FG");
                return;
            }
            case "IEA" -> {
                closeTo("IC");
                return;
            }
            default -> {
            }
        }
        String loop = mark.loop();
        if (loop.isEmpty() || loop.equals("HEADER")) {
            if (open.contains("TX")) {
                closeTo("TX");
            }
            return;
        }
        if (!mark.starts() && loop.equals(open.peek())) {
            return;
        }
        var parents = XmlNames.parents(loop);
        while (!open.isEmpty() && !parents.contains(open.peek()) && !isEnvelope(open.peek())) {
            pop();
        }
        xml.indent(open.size() + 1);
        xml.ascii("<");
        xml.ascii(XmlNames.loop(loop));
        open.push(loop);
        if (claim != null) {
            xml.attribute("claim", claim.claim().id());
            xml.attribute("status", claim.rejected() ? "rejected" : "accepted");
            xml.attribute("pack", claim.pack());
        }
        xml.ascii(">");
    }

    private static boolean isEnvelope(String k) {
        return k.equals("TX") || k.equals("FG") || k.equals("IC");
    }

    private void push(String key, String element) throws IOException {
        xml.indent(open.size() + 1);
        xml.raw(XmlBytes.openTag(element));
        open.push(key);
    }

    private void pop() throws IOException {
        String key = open.pop();
        xml.indent(open.size() + 1);
        xml.raw(XmlBytes.closeTag(switch (key) {
            case "IC" -> "Interchange";
            case "FG" -> "FunctionalGroup";
            case "TX" -> "Transaction";
            default -> XmlNames.loop(key);
        }));
    }

    /** Closes elements until {@code key} is on top (or everything, for null / a key that is not open). */
    private void closeTo(String key) throws IOException {
        if (key != null && !open.contains(key)) {
            key = null;
        }
        while (!open.isEmpty() && !open.peek().equals(key)) {
            pop();
        }
    }

    private void writeSegment(Segment s, List<SyntaxError> errors, List<Finding> findings) throws IOException {
        xml.indent(open.size() + 1);
        String id = safeName(s.id());
        xml.ascii("<");
        xml.ascii(id);
        xml.attribute("n", s.ordinal());
        xml.attribute("line", s.line());
        xml.ascii(">");
        boolean isa = s.id().equals("ISA");
        Tags tags = tags(id);
        for (int i = 1; i <= s.elementCount(); i++) {
            if (!s.has(i)) {
                continue;
            }
            tags.ensure(i);
            xml.raw(tags.open[i]);
            if (!isa && tags.composite[i]) {
                int comps = s.componentCount(i);
                for (int c = 1; c <= comps; c++) {
                    if (!s.hasComponent(i, c)) {
                        continue;
                    }
                    xml.raw(tags.componentOpen(i, c));
                    s.copyElementTo(i, c, xml);
                    xml.raw(tags.componentClose(i, c));
                }
            } else {
                s.copyElementTo(i, 0, xml);
            }
            xml.raw(tags.close[i]);
        }
        for (SyntaxError e : errors) {
            xml.ascii("<error");
            xml.attribute("level", e.level().name().toLowerCase(Locale.ROOT));
            if (e.element() > 0) {
                xml.attribute("element", XmlNames.element(id, e.element()));
            }
            if (!e.segmentErrorCode().isEmpty()) {
                xml.attribute("segmentErrorCode", e.segmentErrorCode());
            }
            if (!e.elementErrorCode().isEmpty()) {
                xml.attribute("elementErrorCode", e.elementErrorCode());
            }
            xml.ascii(">");
            xml.text(e.message());
            xml.ascii("</error>");
        }
        for (Finding f : findings) {
            xml.ascii("<finding");
            xml.attribute("rule", f.rule());
            xml.attribute("severity", f.severity().label());
            xml.attribute("status", f.category() + ":" + f.statusCode());
            if (f.line() != null) {
                xml.attribute("line", f.line());
            }
            if (f.element() > 0) {
                xml.attribute("element", XmlNames.element(id, f.element()));
            }
            xml.ascii(">");
            xml.text(f.message());
            xml.ascii("</finding>");
        }
        xml.raw(XmlBytes.closeTag(id));
    }

    private final java.util.HashMap<String, Tags> tagCache = new java.util.HashMap<>();

    private Tags tags(String id) {
        Tags t = tagCache.get(id);
        if (t == null) {
            t = new Tags(id);
            tagCache.put(id, t);
        }
        return t;
    }

    /** Tag bytes of one segment id's elements and components, made once. */
    private static final class Tags {
        final String id;
        byte[][] open = new byte[0][];
        byte[][] close = new byte[0][];
        boolean[] composite = new boolean[0];
        byte[][][] compOpen = new byte[0][][];
        byte[][][] compClose = new byte[0][][];

        Tags(String id) {
            this.id = id;
        }

        void ensure(int i) {
            if (i < open.length) {
                return;
            }
            int n = Math.max(i + 1, open.length * 2);
            byte[][] o = java.util.Arrays.copyOf(open, n);
            byte[][] c = java.util.Arrays.copyOf(close, n);
            boolean[] comp = java.util.Arrays.copyOf(composite, n);
            for (int k = open.length; k < n; k++) {
                if (k == 0) {
                    continue;
                }
                String name = XmlNames.element(id, k);
                o[k] = XmlBytes.openTag(name);
                c[k] = XmlBytes.closeTag(name);
                comp[k] = XmlNames.composite(name);
            }
            compOpen = java.util.Arrays.copyOf(compOpen, n);
            compClose = java.util.Arrays.copyOf(compClose, n);
            open = o;
            close = c;
            composite = comp;
        }

        byte[] componentOpen(int i, int c) {
            ensureComponent(i, c);
            return compOpen[i][c];
        }

        byte[] componentClose(int i, int c) {
            ensureComponent(i, c);
            return compClose[i][c];
        }

        private void ensureComponent(int i, int c) {
            if (compOpen[i] != null && compOpen[i].length > c) {
                return;
            }
            int n = Math.max(c + 1, 8);
            byte[][] o = new byte[n][];
            byte[][] cl = new byte[n][];
            for (int k = 1; k < n; k++) {
                String name = XmlNames.component(XmlNames.element(id, i), k);
                o[k] = XmlBytes.openTag(name);
                cl[k] = XmlBytes.closeTag(name);
            }
            compOpen[i] = o;
            compClose[i] = cl;
        }
    }

    private static String safeName(String id) {
        if (id.isEmpty()) {
            return "Segment";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) || (i == 0 && c <= '9')) {
                return "Segment";
            }
        }
        return id;
    }

    @Override
    public void end(FileAck syntax, ScrubSummary summary) throws IOException {
        closeTo(null);
        for (SyntaxError e : syntax.fileErrors()) {
            if (e.segment() != 0) {
                continue;
            }
            xml.indent(1);
            xml.ascii("<error level=\"interchange\">");
            xml.text(e.message());
            xml.ascii("</error>");
        }
        xml.indent(1);
        xml.ascii("<summary");
        xml.attribute("claims", summary.claims());
        xml.attribute("accepted", summary.accepted());
        xml.attribute("rejected", summary.rejected());
        xml.attribute("findings", summary.findings());
        xml.attribute("envelope", summary.envelopeRejected() ? "rejected" : "accepted");
        xml.ascii("/>\n</AnnotatedFile>\n");
        xml.flush();
    }
}
