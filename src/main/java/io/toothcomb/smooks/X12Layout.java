package io.toothcomb.smooks;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loop and segment layout of a DFDL mapping in {@code mappings/}, read from the schema's structure (its
 * sequences, elements, occurrences and discriminators) with the JDK's XML parser: no Daffodil. The
 * {@link LayoutParser} walks X12 segments through it and produces the XML the DFDL mapping produces.
 *
 * <p>Only the subset of DFDL that {@code mappings/tools/gen_dfdl.py} writes is understood: ordered sequences,
 * unordered sequences, elements with min/max occurrences, discriminators of the form {@code fn:true()} or
 * {@code E01 eq 'X' or E01 eq 'Y'}, one complex type per segment id (elements and composites of components) and
 * the generic {@code SegmentType} fallback. Anything else is refused when the layout is loaded.
 */
final class X12Layout {
    static final String DFDL_NS = "http://www.ogf.org/dfdl/dfdl-1.0/";
    static final String XS_NS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** What a segment of one id holds: element count and, per element, its component count (0: simple). */
    record SegmentType(String id, int[] components) {
        int elements() {
            return components.length - 1;
        }
    }

    /** A schema particle. */
    sealed interface Item permits Seg, Group, Unordered {
    }

    /** A segment element; {@code type} null for the generic fallback {@code Segment}. */
    record Seg(String name, SegmentType type, int min, int max, Discriminator discriminator) implements Item {
    }

    /** A loop (or FunctionalGroup, Transaction): an element whose content is a sequence opened by a segment. */
    record Group(String name, List<Item> items, int min, int max) implements Item {
        Seg opener() {
            return (Seg) items.get(0);
        }
    }

    /** An unordered sequence: members tried in schema order, output in schema order. */
    record Unordered(List<Item> members) implements Item {
    }

    /** {@code fn:true()} (no tests) or a disjunction of "element equals value". */
    record Discriminator(int[] positions, String[] values) {
        static final Discriminator TRUE = new Discriminator(new int[0], new String[0]);
        private static final Pattern EQ = Pattern.compile("([A-Z][A-Z0-9]{1,2})(\\d\\d) eq '([^']*)'");

        static Discriminator parse(String test) {
            String t = test.replaceAll("^\\{\\s*|\\s*}$", "").trim();
            if (t.equals("fn:true()")) {
                return TRUE;
            }
            List<Integer> pos = new ArrayList<>();
            List<String> vals = new ArrayList<>();
            for (String part : t.split("\\s+or\\s+")) {
                Matcher m = EQ.matcher(part.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("discriminator not understood: " + test);
                }
                pos.add(Integer.parseInt(m.group(2)));
                vals.add(m.group(3));
            }
            return new Discriminator(pos.stream().mapToInt(Integer::intValue).toArray(), vals.toArray(new String[0]));
        }
    }

    private final Group root;

    private X12Layout(Group root) {
        this.root = root;
    }

    /** The root element ({@code Interchange}). */
    Group root() {
        return root;
    }

    private static final Map<MappingKind, X12Layout> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The layout of {@code kind}'s schema, read once per JVM. */
    static X12Layout of(MappingKind kind) throws SmooksX12Exception {
        X12Layout l = LOADED.get(kind);
        if (l == null) {
            l = load(MappingFiles.read(kind.schemaPath()), MappingFiles.read(MappingKind.COMMON_SCHEMA),
                    kind.schemaPath());
            LOADED.putIfAbsent(kind, l);
        }
        return l;
    }

    static X12Layout load(byte[] schema, byte[] common, String name) throws SmooksX12Exception {
        try {
            Document main = parse(schema);
            Document com = parse(common);
            Map<String, SegmentType> segTypes = new HashMap<>();
            for (Element ct : children(com.getDocumentElement(), "complexType")) {
                segTypes.put(ct.getAttribute("name"), segmentType(ct));
            }
            Map<String, Element> localTypes = new HashMap<>();
            for (Element ct : children(main.getDocumentElement(), "complexType")) {
                localTypes.put(ct.getAttribute("name"), ct);
            }
            Element rootElement = null;
            for (Element e : children(main.getDocumentElement(), "element")) {
                rootElement = e;
            }
            if (rootElement == null) {
                throw new IllegalArgumentException("no root element");
            }
            return new X12Layout((Group) item(rootElement, segTypes, localTypes));
        } catch (RuntimeException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                 | java.io.IOException e) {
            throw new SmooksX12Exception("cannot read the layout of " + name + ": " + e.getMessage(), e);
        }
    }

    private static Item item(Element e, Map<String, SegmentType> segTypes, Map<String, Element> localTypes) {
        String name = e.getAttribute("name");
        int min = e.hasAttribute("minOccurs") ? Integer.parseInt(e.getAttribute("minOccurs")) : 1;
        String maxText = e.hasAttribute("maxOccurs") ? e.getAttribute("maxOccurs") : "1";
        int max = maxText.equals("unbounded") ? Integer.MAX_VALUE : Integer.parseInt(maxText);
        String type = e.getAttribute("type");
        Element complex = first(e, "complexType");
        if (type.startsWith("tc:")) {
            SegmentType st = segTypes.get(type.substring(3));
            if (st == null) {
                throw new IllegalArgumentException("unknown segment type " + type);
            }
            return new Seg(name, st, min, max, discriminator(e));
        }
        if (type.equals("SegmentType")) {
            return new Seg(name, null, min, max, Discriminator.TRUE);
        }
        if (complex == null) {
            complex = localTypes.get(type);
        }
        if (complex == null) {
            throw new IllegalArgumentException("element " + name + " has no type the layout understands: " + type);
        }
        Element seq = first(complex, "sequence");
        List<Item> items = sequence(seq, segTypes, localTypes);
        if (items.isEmpty() || !(items.get(0) instanceof Seg)) {
            throw new IllegalArgumentException(name + " does not start with a segment");
        }
        return new Group(name, items, min, max);
    }

    private static List<Item> sequence(Element seq, Map<String, SegmentType> segTypes, Map<String, Element> localTypes) {
        List<Item> items = new ArrayList<>();
        for (Node n = seq.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c) || !XS_NS.equals(c.getNamespaceURI())) {
                continue;
            }
            switch (c.getLocalName()) {
                case "element" -> items.add(item(c, segTypes, localTypes));
                case "sequence" -> {
                    if (c.hasAttributeNS(DFDL_NS, "hiddenGroupRef")) {
                        continue; // EndOfData and the like: no infoset
                    }
                    if ("unordered".equals(c.getAttributeNS(DFDL_NS, "sequenceKind"))) {
                        items.add(new Unordered(sequence(c, segTypes, localTypes)));
                    } else {
                        items.addAll(sequence(c, segTypes, localTypes));
                    }
                }
                case "annotation" -> {
                }
                default -> throw new IllegalArgumentException("xs:" + c.getLocalName() + " not understood");
            }
        }
        return items;
    }

    private static Discriminator discriminator(Element e) {
        Element ann = first(e, "annotation");
        if (ann == null) {
            return null;
        }
        for (Element app : children(ann, "appinfo")) {
            for (Node n = app.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element d && DFDL_NS.equals(d.getNamespaceURI())
                        && d.getLocalName().equals("discriminator")) {
                    return Discriminator.parse(d.getAttribute("test"));
                }
            }
        }
        return null;
    }

    /** Element and component counts of one segment type of the common schema. */
    private static SegmentType segmentType(Element ct) {
        String id = ct.getAttribute("name");
        List<Integer> comps = new ArrayList<>();
        comps.add(0);
        collectElements(first(ct, "sequence"), comps);
        return new SegmentType(id, comps.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void collectElements(Element seq, List<Integer> comps) {
        if (seq == null) {
            return;
        }
        for (Node n = seq.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c) || !XS_NS.equals(c.getNamespaceURI())) {
                continue;
            }
            if (c.getLocalName().equals("element")) {
                Element inner = first(c, "complexType");
                comps.add(inner == null ? 0 : children(first(inner, "sequence"), "element").size());
            } else if (c.getLocalName().equals("sequence") && !c.hasAttributeNS(DFDL_NS, "hiddenGroupRef")) {
                collectElements(c, comps);
            }
        }
    }

    private static Document parse(byte[] xml) throws javax.xml.parsers.ParserConfigurationException,
            org.xml.sax.SAXException, java.io.IOException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml));
    }

    private static Element first(Element parent, String local) {
        List<Element> l = children(parent, local);
        return l.isEmpty() ? null : l.get(0);
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && XS_NS.equals(c.getNamespaceURI()) && c.getLocalName().equals(local)) {
                out.add(c);
            }
        }
        return out;
    }
}
