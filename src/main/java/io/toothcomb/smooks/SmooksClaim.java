package io.toothcomb.smooks;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The claim fields read from one Smooks {@code Loop2300} element: what the cross-check compares with the fast
 * reader, and a convenient summary for Smooks pipeline users.
 *
 * @param id     CLM01
 * @param charge CLM02, null when absent or not a number
 * @param lines  the Loop2400 service lines in order
 */
public record SmooksClaim(String id, BigDecimal charge, List<Line> lines) {
    public SmooksClaim {
        lines = List.copyOf(lines);
    }

    /**
     * @param number   LX01, or -1 when absent or not a number
     * @param code     SV301-02 (CDT code), null when there is no SV3
     * @param charge   SV302
     * @param quantity SV306, null when absent
     * @param teeth    one entry per TOO segment
     */
    public record Line(int number, String code, BigDecimal charge, BigDecimal quantity, List<Tooth> teeth) {
        public Line {
            teeth = List.copyOf(teeth);
        }
    }

    /** @param designation TOO02; @param surfaces TOO03 components in order */
    public record Tooth(String designation, List<String> surfaces) {
        public Tooth {
            surfaces = List.copyOf(surfaces);
        }
    }

    /** Reads a {@code Loop2300} element laid out as in mappings/README.md. */
    public static SmooksClaim of(Element loop2300) {
        Element clm = child(loop2300, "CLM");
        List<Line> lines = new ArrayList<>();
        for (Element loop2400 : children(loop2300, "Loop2400")) {
            Element lx = child(loop2400, "LX");
            Element sv3 = child(loop2400, "SV3");
            List<Tooth> teeth = new ArrayList<>();
            for (Element too : children(loop2400, "TOO")) {
                List<String> surfaces = new ArrayList<>();
                Element too03 = child(too, "TOO03");
                if (too03 != null) {
                    for (Element c : children(too03, null)) {
                        surfaces.add(c.getTextContent());
                    }
                }
                teeth.add(new Tooth(text(too, "TOO02"), surfaces));
            }
            Element sv301 = child(sv3, "SV301");
            int number;
            try {
                number = Integer.parseInt(text(lx, "LX01"));
            } catch (NumberFormatException e) {
                number = -1;
            }
            lines.add(new Line(number, text(sv301, "SV301-02"), decimal(text(sv3, "SV302")),
                    decimal(text(sv3, "SV306")), teeth));
        }
        return new SmooksClaim(text(clm, "CLM01"), decimal(text(clm, "CLM02")), lines);
    }

    /** Every Loop2300 below {@code root} (an Interchange document element or any loop), in document order. */
    public static List<SmooksClaim> all(Element root) {
        List<SmooksClaim> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Element e, List<SmooksClaim> out) {
        if (name(e).equals("Loop2300")) {
            out.add(of(e));
            return;
        }
        for (Element c : children(e, null)) {
            collect(c, out);
        }
    }

    static String name(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name(e).equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }

    private static BigDecimal decimal(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
