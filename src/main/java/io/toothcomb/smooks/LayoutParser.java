package io.toothcomb.smooks;

import io.toothcomb.reader.Segment;
import io.toothcomb.reader.X12Exception;
import io.toothcomb.reader.X12Reader;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

import javax.xml.XMLConstants;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the segments of toothcomb's byte reader through an {@link X12Layout} and sends the SAX events the DFDL
 * mapping's parser would: loops as the schema nests them, the segments of an unordered block (and sibling NM1
 * loops) in schema order, typed segments with their non-empty elements and composites split into components,
 * and segments the layout does not expect as {@code <Segment>} with every element, empty ones {@code xsi:nil}.
 * Buffering is limited to one unordered block; everything else streams.
 */
final class LayoutParser {
    /** Called when a {@code Loop2300} is about to open, with its CLM; may add attributes and first children. */
    interface ClaimHook {
        void claimStart(Segment clm, AttributesImpl attributes) throws SAXException;

        void claimOpened(Segment clm, Sink out) throws SAXException;
    }

    private static final Attributes NONE = new AttributesImpl();
    private static final String STRUCTURAL = "|ISA|GS|ST|HL|NM1|CLM|SBR|LX|SVD|SE|GE|IEA|";

    private final X12Layout layout;
    private final X12Reader reader;
    private final String source;
    private final ClaimHook hook;
    private Segment current;

    LayoutParser(X12Layout layout, X12Reader reader, String source, ClaimHook hook) {
        this.layout = layout;
        this.reader = reader;
        this.source = source;
        this.hook = hook;
    }

    /** Every interchange of the input, each as one {@code Interchange} element, between one start and end document. */
    void parse(ContentHandler handler) throws IOException, SAXException {
        Sink out = new SaxSink(handler);
        advance();
        handler.startDocument();
        if (current == null) {
            throw fail("the input is empty: no ISA segment");
        }
        while (current != null) {
            X12Layout.Group root = layout.root();
            if (!matches(root.opener(), current)) {
                throw fail("segment " + where(current) + " is not expected after the interchange's IEA");
            }
            group(root, out);
        }
        handler.endDocument();
    }

    private void advance() throws IOException, SAXException {
        try {
            current = reader.next();
        } catch (X12Exception e) {
            throw new SAXException(e.getMessage(), e);
        }
    }

    private void group(X12Layout.Group g, Sink out) throws IOException, SAXException {
        Segment opener = current;
        if (hook != null && g.name().equals("Loop2300")) {
            AttributesImpl attrs = new AttributesImpl();
            hook.claimStart(opener, attrs);
            out.start(g.name(), attrs);
            hook.claimOpened(opener, out);
        } else {
            out.start(g.name(), NONE);
        }
        items(g.items(), out, g.name());
        out.end(g.name());
    }

    private void items(List<X12Layout.Item> items, Sink out, String in) throws IOException, SAXException {
        for (X12Layout.Item item : items) {
            if (item instanceof X12Layout.Seg s) {
                int n = 0;
                while (n < s.max() && current != null && matches(s, current)) {
                    segment(s, current, out);
                    advance();
                    n++;
                }
                if (n < s.min()) {
                    throw expected(s.name(), in);
                }
            } else if (item instanceof X12Layout.Group g) {
                int n = 0;
                while (n < g.max() && current != null && matches(g.opener(), current)) {
                    group(g, out);
                    n++;
                }
                if (n < g.min()) {
                    throw expected(g.name(), in);
                }
            } else {
                unordered((X12Layout.Unordered) item, out);
            }
        }
    }

    /** Members are tried in schema order for each segment; what they read is replayed in schema order. */
    private void unordered(X12Layout.Unordered u, Sink out) throws IOException, SAXException {
        List<X12Layout.Item> members = u.members();
        Recorder[] parts = new Recorder[members.size()];
        boolean found = true;
        while (found && current != null) {
            found = false;
            for (int i = 0; i < members.size() && !found; i++) {
                X12Layout.Item m = members.get(i);
                if (m instanceof X12Layout.Seg s && matches(s, current)) {
                    segment(s, current, parts[i] == null ? parts[i] = new Recorder() : parts[i]);
                    advance();
                    found = true;
                } else if (m instanceof X12Layout.Group g && matches(g.opener(), current)) {
                    group(g, parts[i] == null ? parts[i] = new Recorder() : parts[i]);
                    found = true;
                }
            }
        }
        for (Recorder r : parts) {
            if (r != null) {
                r.replay(out);
            }
        }
    }

    /** Would the mapping read {@code seg} as {@code s}: its id, a typed parse that fits, its discriminator. */
    private static boolean matches(X12Layout.Seg s, Segment seg) {
        String id = seg.id();
        if (s.type() == null) {
            return id.length() >= 2 && id.length() <= 3 && id.charAt(0) >= 'A' && id.charAt(0) <= 'Z'
                    && alnum(id) && !STRUCTURAL.contains("|" + id + "|");
        }
        if (!id.equals(s.name()) || !fits(s.type(), seg)) {
            return false;
        }
        X12Layout.Discriminator d = s.discriminator();
        if (d == null || d.positions().length == 0) {
            return true;
        }
        for (int k = 0; k < d.positions().length; k++) {
            if (seg.element(d.positions()[k]).equals(d.values()[k])) {
                return true;
            }
        }
        return false;
    }

    private static boolean alnum(String id) {
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A typed parse fails on more elements, or more components, than the segment's type declares. */
    private static boolean fits(X12Layout.SegmentType t, Segment seg) {
        if (t.id().equals("ISA")) {
            return true;
        }
        int n = seg.elementCount();
        if (n > t.elements()) {
            return false;
        }
        for (int i = 1; i <= n; i++) {
            int comps = t.components()[i];
            if (comps > 0 && seg.componentCount(i) > comps) {
                return false;
            }
        }
        return true;
    }

    private void segment(X12Layout.Seg s, Segment seg, Sink out) throws SAXException {
        if (s.type() == null) {
            out.start("Segment", NONE);
            out.text("SegmentId", seg.id());
            for (int i = 1; i <= seg.elementCount(); i++) {
                if (seg.has(i)) {
                    out.text("Element", latin1(seg, i, 0));
                } else {
                    out.nil("Element");
                }
            }
            out.end("Segment");
            return;
        }
        String id = s.name();
        out.start(id, NONE);
        int[] comps = s.type().components();
        for (int i = 1; i <= seg.elementCount(); i++) {
            if (!seg.has(i)) {
                continue;
            }
            String name = id + (i < 10 ? "0" : "") + i;
            if (comps[i] == 0 || id.equals("ISA")) {
                out.text(name, latin1(seg, i, 0));
                continue;
            }
            out.start(name, NONE);
            int n = seg.componentCount(i);
            for (int c = 1; c <= n; c++) {
                if (seg.hasComponent(i, c)) {
                    out.text(name + "-" + (c < 10 ? "0" : "") + c, latin1(seg, i, c));
                }
            }
            out.end(name);
        }
        out.end(id);
    }

    /** Bytes as text the way the DFDL mapping decodes them (ISO-8859-1: every byte one character). */
    private String latin1(Segment seg, int i, int c) {
        text.reset();
        seg.copyElementTo(i, c, text);
        return text.string();
    }

    private final Latin1 text = new Latin1();

    private static final class Latin1 implements io.toothcomb.reader.ByteSink {
        private byte[] buf = new byte[256];
        private int n;

        void reset() {
            n = 0;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (n + length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + length));
            }
            System.arraycopy(bytes, offset, buf, n, length);
            n += length;
        }

        String string() {
            return new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private SAXException expected(String name, String in) {
        String found = current == null ? "the end of the input" : "segment " + where(current);
        return fail(name + " expected in " + in + ", found " + found);
    }

    private String where(Segment s) {
        return s.ordinal() + " (" + s.id() + ", line " + s.line() + ")";
    }

    private SAXException fail(String message) {
        return new SAXException(source + ": " + message + " [toothcomb reader, 837D layout of " + "mappings/]");
    }

    /** Where the events go: straight to SAX, or into a buffer for an unordered block. */
    interface Sink {
        void start(String name, Attributes attributes) throws SAXException;

        void end(String name) throws SAXException;

        void text(String name, String text) throws SAXException;

        void nil(String name) throws SAXException;
    }

    static final class SaxSink implements Sink {
        private static final AttributesImpl NIL = new AttributesImpl();

        static {
            NIL.addAttribute(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil", "xsi:nil", "NMTOKEN", "true");
        }

        private final ContentHandler h;

        SaxSink(ContentHandler h) {
            this.h = h;
        }

        @Override
        public void start(String name, Attributes attributes) throws SAXException {
            h.startElement("", name, name, attributes);
        }

        @Override
        public void end(String name) throws SAXException {
            h.endElement("", name, name);
        }

        @Override
        public void text(String name, String text) throws SAXException {
            h.startElement("", name, name, NONE);
            char[] c = text.toCharArray();
            h.characters(c, 0, c.length);
            h.endElement("", name, name);
        }

        @Override
        public void nil(String name) throws SAXException {
            h.startElement("", name, name, NIL);
            h.endElement("", name, name);
        }
    }

    /** Events of an unordered block's member, replayed once the block ends. */
    static final class Recorder implements Sink {
        private final List<Object> events = new ArrayList<>();

        private record Start(String name, Attributes attributes) {
        }

        private record End(String name) {
        }

        private record Text(String name, String text) {
        }

        private record Nil(String name) {
        }

        @Override
        public void start(String name, Attributes attributes) {
            events.add(new Start(name, attributes.getLength() == 0 ? NONE : new AttributesImpl(attributes)));
        }

        @Override
        public void end(String name) {
            events.add(new End(name));
        }

        @Override
        public void text(String name, String text) {
            events.add(new Text(name, text));
        }

        @Override
        public void nil(String name) {
            events.add(new Nil(name));
        }

        void replay(Sink out) throws SAXException {
            for (Object e : events) {
                if (e instanceof Start s) {
                    out.start(s.name(), s.attributes());
                } else if (e instanceof End en) {
                    out.end(en.name());
                } else if (e instanceof Text t) {
                    out.text(t.name(), t.text());
                } else {
                    out.nil(((Nil) e).name());
                }
            }
        }
    }
}
