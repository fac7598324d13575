package io.toothcomb.writers;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.NotSeparable;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.reader.Delimiters;
import io.toothcomb.reader.Segment;
import io.toothcomb.reader.SegmentKinds;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the annotated XML: the whole file as XML (interchange, group, transaction, loops with the names the
 * Smooks mapping uses, segments), each rule finding as a {@code <finding>} and each syntax error as an
 * {@code <error>} inside the segment it points at, and each claim's verdict on its Loop2300. Streamed segment by
 * segment through a byte-level writer. A segment is written in one of two {@link Form}s, the rest is the same.
 */
public final class AnnotatedXmlWriter extends SetJoiner<AnnotatedXmlWriter> implements SetWriter.Part {

    /** How a segment is written. */
    public enum Form {
        /**
         * {@code NAME.annotated.xml}: one element per segment whose {@code text} attribute is the segment as
         * written without its terminator ({@code <NM1 n="16" text="NM1*IL*1*…"/>}), one per line and not
         * indented; the delimiters are attributes of {@code <Interchange>}. {@code n} is the segment's position
         * (as in findings.json and the listing, which also gives its line). About twice the input.
         */
        SEGMENTS,
        /**
         * {@code NAME.elements.xml}: every element (and component of a composite) as an XML element of its own
         * ({@code <NM1 n="16" line="16"><NM101>IL</NM101>…</NM1>}). About six times the input.
         */
        ELEMENTS
    }

    private static final byte[] TEXT_OPEN = ascii(" text=\"");
    private static final byte[] TEXT_CLOSE_EMPTY = ascii("\"/>");
    private static final byte[] TEXT_CLOSE_OPEN = ascii("\">");

    private final XmlBytes xml;
    private final Form form;
    private final Deque<String> open = new ArrayDeque<>();

    public AnnotatedXmlWriter(OutputStream out, Form form) {
        this.xml = new XmlBytes(out);
        this.form = form;
    }

    @Override
    public void start(String fileName) throws IOException {
        xml.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AnnotatedFile");
        xml.attribute("file", fileName);
        xml.attribute("generator", "toothcomb");
        if (form == Form.SEGMENTS) {
            xml.attribute("form", "segments");
        }
        xml.ascii(">");
    }

    /** A transaction set lies inside a group: the part starts with the interchange and group open. */
    @Override
    public Part forSet(OutputStream out) {
        AnnotatedXmlWriter part = new AnnotatedXmlWriter(out, form);
        part.open.push("IC");
        part.open.push("FG");
        return part;
    }

    @Override
    void open(AnnotatedXmlWriter part) {
        if (open.size() != 2 || !"FG".equals(open.peek()) || !"IC".equals(open.peekLast())) {
            throw new NotSeparable("the annotated XML has " + open + " open at a transaction set");
        }
    }

    @Override
    void place(Fragment bytes) throws IOException {
        xml.append(bytes);
    }

    @Override
    public void finish() throws IOException {
        xml.flush();
    }

    @Override
    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) throws IOException {
        place(s, loop, null);
        writeSegment(s, errors, List.of());
        // a trailer closes its envelope element; a stray one (SE outside a transaction set...) closes nothing
        String closes = switch (kinds.kind(s)) {
            case SegmentKinds.SE -> "TX";
            case SegmentKinds.GE -> "FG";
            case SegmentKinds.IEA -> "IC";
            default -> null;
        };
        if (closes != null && closes.equals(open.peek())) {
            pop();
        }
    }

    @Override
    public void claim(ClaimResult r) throws IOException {
        List<Segment> segs = r.unit().segments();
        List<LoopMark> loops = r.unit().loops();
        boolean annotated = !r.findings().isEmpty() || !r.unit().errors().isEmpty();
        ClaimResult.Notes notes = annotated ? r.notes() : null;
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            place(s, loops.get(i), i == 0 ? r : null);
            if (annotated) {
                writeSegment(s, notes.errorsOn(s.ordinal()), i == 0 ? withContext(r) : notes.findingsOn(s.ordinal()));
            } else {
                writeSegment(s, List.of(), List.of());
            }
        }
    }

    /**
     * The findings on a claim's first segment, with those pointing at its context (2010BA, 2000C: segments written
     * before the claim was checked) after them; each of those carries the segment it is about.
     */
    static List<Finding> withContext(ClaimResult r) {
        List<Finding> before = r.findingsBeforeClaim();
        List<Finding> on = r.findingsOn(r.claim().segment());
        if (before.isEmpty()) {
            return on;
        }
        List<Finding> all = new java.util.ArrayList<>(on);
        all.addAll(before);
        return all;
    }

    /** Envelope segments by number, so that a claim's segments (none of them envelope) pass without a string switch. */
    private final SegmentKinds kinds = new SegmentKinds(Map.of());

    /** Opens and closes envelope and loop elements so that {@code s} lands in the right place. */
    private void place(Segment s, LoopMark mark, ClaimResult claim) throws IOException {
        switch (kinds.kind(s)) {
            case SegmentKinds.ISA -> {
                closeTo(null);
                if (form == Form.SEGMENTS) {
                    openInterchange(s.delimiters());
                } else {
                    push("IC", "Interchange");
                }
                return;
            }
            case SegmentKinds.GS -> {
                closeTo("IC");
                push("FG", "FunctionalGroup");
                return;
            }
            case SegmentKinds.ST -> {
                closeTo("FG");
                push("TX", "Transaction");
                return;
            }
            case SegmentKinds.SE -> {
                closeTo("TX");
                return;
            }
            case SegmentKinds.GE -> {
                closeTo("FG");
                return;
            }
            case SegmentKinds.IEA -> {
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
        LoopTags tags = loopTags(loop);
        while (!open.isEmpty() && !tags.parents.contains(open.peek()) && !isEnvelope(open.peek())) {
            pop();
        }
        indent(open.size() + 1);
        xml.raw(tags.open);
        open.push(loop);
        if (claim != null) {
            xml.attribute("claim", claim.claim().id());
            xml.attribute("status", claim.rejected() ? "rejected" : "accepted");
            xml.attribute("pack", claim.pack());
            if (claim.fixed() != null) {
                // --fix mended it: the segments below are as received, the FIX-* findings say what went out
                xml.attribute("mended", "true");
            }
        }
        xml.ascii(">");
    }

    private static boolean isEnvelope(String k) {
        return k.equals("TX") || k.equals("FG") || k.equals("IC");
    }

    private void push(String key, String element) throws IOException {
        indent(open.size() + 1);
        xml.raw(XmlBytes.openTag(element));
        open.push(key);
    }

    /** {@code <Interchange>} with the delimiters a machine needs to split the segments' text. */
    private void openInterchange(Delimiters d) throws IOException {
        indent(open.size() + 1);
        xml.ascii("<Interchange");
        xml.attribute("elementSeparator", String.valueOf(d.elementChar()));
        xml.attribute("componentSeparator", String.valueOf(d.componentChar()));
        if (d.repetition() != 0) {
            xml.attribute("repetitionSeparator", String.valueOf(d.repetitionChar()));
        }
        xml.attribute("segmentTerminator", String.valueOf(d.segmentChar()));
        xml.ascii(">");
        open.push("IC");
    }

    private void pop() throws IOException {
        String key = open.pop();
        indent(open.size() + 1);
        xml.raw(switch (key) {
            case "IC" -> XmlBytes.closeTag("Interchange");
            case "FG" -> XmlBytes.closeTag("FunctionalGroup");
            case "TX" -> XmlBytes.closeTag("Transaction");
            default -> loopTags(key).close;
        });
    }

    /**
     * {@code <LoopNNNN} and {@code </LoopNNNN>}, and the loops it may sit in, by loop id: made once (a loop opens
     * and closes per claim).
     */
    private record LoopTags(byte[] open, byte[] close, java.util.Set<String> parents) {
    }

    private final java.util.HashMap<String, LoopTags> loopTags = new java.util.HashMap<>();

    /** The last few loops' tags by the loop id's hash; loop ids are the loader's constants, so == usually hits. */
    private final String[] recentLoops = new String[16];
    private final LoopTags[] recentLoopTags = new LoopTags[16];

    private LoopTags loopTags(String loop) {
        int slot = loop.hashCode() & (recentLoops.length - 1);
        String k = recentLoops[slot];
        if (k == loop || loop.equals(k)) {
            return recentLoopTags[slot];
        }
        LoopTags t = loopTags.get(loop);
        if (t == null) {
            String name = XmlNames.loop(loop);
            t = new LoopTags(ascii("<" + name), XmlBytes.closeTag(name), XmlNames.parents(loop));
            loopTags.put(loop, t);
        }
        recentLoops[slot] = loop;
        recentLoopTags[slot] = t;
        return t;
    }

    /**
     * Starts a line: indented by depth in the element form; the compact form, whose lines are mostly short
     * segments, starts every line at the margin (indentation would be a quarter of the file).
     */
    private void indent(int depth) throws IOException {
        xml.indent(form == Form.ELEMENTS ? depth : 0);
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
        Tags tags = tags(s);
        if (form == Form.SEGMENTS && s.ordinal() > 0) {
            // the usual segment: line break, tag, number and the text attribute's start in one copy
            xml.segmentHead(tags.head, s.ordinal());
            s.copyTo(xml.attributeValue());
            if (errors.isEmpty() && findings.isEmpty()) {
                xml.raw(TEXT_CLOSE_EMPTY);
                return;
            }
            xml.raw(TEXT_CLOSE_OPEN);
            writeNotes(tags.name, s.ordinal(), errors, findings);
            xml.raw(tags.end);
            return;
        }
        indent(open.size() + 1);
        xml.raw(tags.start);
        xml.ordinalAttribute("n", s.ordinal());
        if (form == Form.ELEMENTS) {
            xml.attribute("line", s.line());
        }
        if (form == Form.SEGMENTS) {
            xml.raw(TEXT_OPEN);
            s.copyTo(xml.attributeValue());
            if (errors.isEmpty() && findings.isEmpty()) {
                xml.raw(TEXT_CLOSE_EMPTY);
                return;
            }
            xml.raw(TEXT_CLOSE_OPEN);
        } else {
            xml.ascii(">");
            writeElements(s, tags);
        }
        writeNotes(tags.name, s.ordinal(), errors, findings);
        xml.raw(tags.end);
    }

    /** The element form's body of a segment: its non-empty elements, composites split into components. */
    private void writeElements(Segment s, Tags tags) throws IOException {
        boolean isa = s.id().equals("ISA");
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
    }

    /** The segment's {@code <error>} and {@code <finding>} children. */
    private void writeNotes(String id, int at, List<SyntaxError> errors, List<Finding> findings) throws IOException {
        for (SyntaxError e : errors) {
            xml.ascii("<error");
            xml.attribute("level", e.level().name().toLowerCase(Locale.ROOT));
            if (e.element() > 0) {
                xml.attribute("element", elementName(id, e.element(), e.component()));
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
            if (f.segment() != at) {
                // about the claim's context, written before the claim (X12-SITUATION on 2010BA, 2000C)
                xml.attribute("segment", f.segment());
            } else if (f.element() > 0) {
                xml.attribute("element", elementName(id, f.element(), f.component()));
            }
            xml.ascii(">");
            xml.text(f.message());
            xml.ascii("</finding>");
        }
    }

    /**
     * What an {@code element} attribute names: the element ({@code SV301}); in the segment form, which has no
     * element children to point at, down to the component when there is one ({@code SV301-02}).
     */
    private String elementName(String id, int element, int component) {
        String name = XmlNames.element(id, element);
        return form == Form.SEGMENTS && component > 0 ? XmlNames.component(name, component) : name;
    }

    /** Every segment id's tags, made on first sight. */
    private final java.util.HashMap<String, Tags> tagMap = new java.util.HashMap<>();
    /** The same by {@link Segment#idKey()}, so that a segment's tags are one array load away. */
    private final Tags[] tagsByKey = new Tags[Segment.ID_KEYS];

    /** Tags for a segment's id: by its id key, and by the id itself the first time or for a long id. */
    private Tags tags(Segment s) {
        int key = s.idKey();
        if (key < 0) {
            return tagMap.computeIfAbsent(s.id(), Tags::new); // an id of more than three bytes
        }
        Tags t = tagsByKey[key];
        if (t == null) {
            t = tagMap.computeIfAbsent(s.id(), Tags::new);
            tagsByKey[key] = t;
        }
        return t;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Tag bytes of one segment id: its own, and (element form) its elements' and components', made once. */
    private static final class Tags {
        final String id;
        final String name;
        final byte[] start;
        final byte[] end;
        /** The compact form's start of a segment up to its number: a line break, the tag and {@code  n="}. */
        final byte[] head;
        byte[][] open = new byte[0][];
        byte[][] close = new byte[0][];
        boolean[] composite = new boolean[0];
        byte[][][] compOpen = new byte[0][][];
        byte[][][] compClose = new byte[0][][];

        Tags(String id) {
            this.id = id;
            this.name = safeName(id);
            this.start = ascii("<" + name);
            this.end = XmlBytes.closeTag(name);
            this.head = ascii("\n<" + name + " n=\"");
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
                String elem = XmlNames.element(name, k);
                o[k] = XmlBytes.openTag(elem);
                c[k] = XmlBytes.closeTag(elem);
                comp[k] = XmlNames.composite(elem);
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
                String comp = XmlNames.component(XmlNames.element(name, i), k);
                o[k] = XmlBytes.openTag(comp);
                cl[k] = XmlBytes.closeTag(comp);
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
            indent(1);
            xml.ascii("<error level=\"interchange\">");
            xml.text(e.message());
            xml.ascii("</error>");
        }
        indent(1);
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
