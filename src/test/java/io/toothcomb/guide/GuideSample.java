package io.toothcomb.guide;

import io.toothcomb.guide.Guide.Element;
import io.toothcomb.guide.Guide.Item;
import io.toothcomb.guide.Guide.Loop;
import io.toothcomb.guide.Guide.SegmentUse;
import io.toothcomb.guide.Guide.Syntax;
import io.toothcomb.guide.Guide.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction set made from a guide table alone: every loop the guide has, once (a loop under two parents once
 * under each), every segment it does not mark not used, each with its required elements (and those its syntax
 * notes then require) holding the first value the guide allows or a plain value of the right type and length.
 * Kept as a tree of loop instances so that tests can remove, repeat or change parts and render it again with the
 * HL numbering, HL04 child codes and SE count made right.
 */
final class GuideSample {
    /** One segment of the sample: its use in the guide and its elements, 1-based (index 0 unused). */
    static final class Seg {
        final SegmentUse use;
        final List<String> elements = new ArrayList<>();
        /** Positions a test has set: rendering leaves them as they are (no HL renumbering over them). */
        final java.util.Set<Integer> fixed = new java.util.HashSet<>();

        Seg(SegmentUse use) {
            this.use = use;
        }

        Seg copy() {
            Seg s = new Seg(use);
            s.elements.addAll(elements);
            s.fixed.addAll(fixed);
            return s;
        }

        String get(int position) {
            return position < elements.size() ? elements.get(position) : "";
        }

        void set(int position, String value) {
            while (elements.size() <= position) {
                elements.add("");
            }
            elements.set(position, value);
        }
    }

    /** One instance of a loop: its segments then its child loop instances, in guide order. */
    static final class Node {
        final Loop loop;
        final List<Object> parts = new ArrayList<>(); // Seg or Node

        Node(Loop loop) {
            this.loop = loop;
        }

        Node copy() {
            Node n = new Node(loop);
            for (Object p : parts) {
                n.parts.add(p instanceof Seg s ? s.copy() : ((Node) p).copy());
            }
            return n;
        }

        boolean isHl() {
            return loop.opener() != null && loop.opener().id().equals("HL");
        }
    }

    private GuideSample() {
    }

    /** The sample of a guide: the root node (the heading, its loops and the trailer). */
    static Node build(Guide guide) {
        return node(guide.root(), 0);
    }

    private static Node node(Loop loop, int depth) {
        Node n = new Node(loop);
        for (Item it : loop.items()) {
            if (it instanceof SegmentUse u) {
                if (u.usage() != 'N') {
                    n.parts.add(segment(u));
                }
            } else if (depth < 12) {
                Loop child = (Loop) it;
                n.parts.add(node(child, depth + 1));
            }
        }
        return n;
    }

    static Seg segment(SegmentUse u) {
        Seg s = new Seg(u);
        s.set(0, u.id());
        boolean[] wanted = new boolean[u.lastPosition() + 1];
        for (int i = 1; i <= u.lastPosition(); i++) {
            Element e = u.element(i);
            wanted[i] = e != null && e.usage() == 'R';
        }
        // the syntax notes: paired and conditional elements come along with the ones present; R needs one
        for (int round = 0; round < 3; round++) {
            for (Syntax n : u.syntaxNotes()) {
                int[] p = n.positions();
                boolean any = false;
                for (int q : p) {
                    any |= q < wanted.length && wanted[q];
                }
                switch (n.kind()) {
                    case 'P' -> {
                        if (any) {
                            for (int q : p) {
                                wanted[q] = true;
                            }
                        }
                    }
                    case 'R' -> {
                        if (!any) {
                            wanted[p[0]] = true;
                        }
                    }
                    case 'C' -> {
                        if (wanted[p[0]]) {
                            for (int q : p) {
                                wanted[q] = true;
                            }
                        }
                    }
                    case 'L' -> {
                        boolean rest = false;
                        for (int k = 1; k < p.length; k++) {
                            rest |= wanted[p[k]];
                        }
                        if (wanted[p[0]] && !rest) {
                            wanted[p[1]] = true;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        for (int i = 1; i <= u.lastPosition(); i++) {
            Element e = u.element(i);
            if (e == null || !wanted[i] || e.usage() == 'N') {
                continue;
            }
            if (i == u.qualifierElement() && u.qualifierComponent() == 0) {
                s.set(i, u.qualifierValues().get(0));
            } else if (e.type() == Type.COMPOSITE) {
                StringBuilder b = new StringBuilder();
                int last = 0;
                List<String> comps = new ArrayList<>();
                for (int c = 1; c <= e.lastComponent(); c++) {
                    Element k = e.componentAt(c);
                    String v = "";
                    if (k != null && k.usage() == 'R') {
                        v = i == u.qualifierElement() && c == u.qualifierComponent() ? u.qualifierValues().get(0)
                                : value(k, s, u);
                        last = c;
                    }
                    comps.add(v);
                }
                for (int c = 0; c < last; c++) {
                    if (c > 0) {
                        b.append(':');
                    }
                    b.append(comps.get(c));
                }
                s.set(i, b.toString());
            } else {
                s.set(i, value(e, s, u));
            }
        }
        return s;
    }

    /** A value the element allows: its first code, or a plain value of its type and least length. */
    static String value(Element e, Seg s, SegmentUse u) {
        if (!e.codes().isEmpty()) {
            return e.codes().get(0);
        }
        int min = Math.max(1, e.min());
        return switch (e.type()) {
            case N -> "1".repeat(min);
            case R -> "1";
            case DT -> e.max() == 6 ? "260115" : "20260115";
            case TM -> "1200";
            default -> {
                if (e.ref().equals("1251")) { // date or period, as the element before it says
                    yield s.get(2).equals("RD8") ? "20260101-20260115" : "20260115";
                }
                if (e.ref().equals("329")) { // transaction set control number
                    yield "0001";
                }
                yield "A".repeat(min);
            }
        };
    }

    /** The set as segments (without terminators), ST first, SE last and counted, HL numbering made right. */
    static List<String> render(Node root) {
        List<Seg> flat = new ArrayList<>();
        flatten(root, flat, new int[] {0}, "");
        List<String> out = new ArrayList<>();
        for (Seg s : flat) {
            if (s.use.id().equals("SE")) {
                s.set(1, Integer.toString(flat.size()));
                s.set(2, "0001");
            } else if (s.use.id().equals("ST")) {
                s.set(2, "0001");
            }
            out.add(text(s));
        }
        return out;
    }

    private static void flatten(Node n, List<Seg> out, int[] hl, String parentHl) {
        String myHl = parentHl;
        boolean hlChild = false;
        for (Object p : n.parts) {
            if (p instanceof Node c && c.isHl()) {
                hlChild = true;
            }
        }
        for (Object p : n.parts) {
            if (p instanceof Seg s) {
                if (s.use.id().equals("HL") && n.isHl() && s.use == n.loop.opener()) {
                    myHl = Integer.toString(++hl[0]);
                    if (!s.fixed.contains(1)) {
                        s.set(1, myHl);
                    }
                    if (s.use.element(2) != null && s.use.element(2).usage() != 'N' && !s.fixed.contains(2)) {
                        s.set(2, parentHl);
                    }
                    Element e4 = s.use.element(4);
                    if (e4 != null && e4.usage() != 'N' && !s.fixed.contains(4)) {
                        String want = hlChild ? "1" : "0";
                        s.set(4, e4.codes().isEmpty() || e4.codes().contains(want) ? want : e4.codes().get(0));
                    }
                }
                out.add(s);
            } else {
                flatten((Node) p, out, hl, myHl);
            }
        }
    }

    static String text(Seg s) {
        int last = s.elements.size() - 1;
        while (last > 0 && s.elements.get(last).isEmpty()) {
            last--;
        }
        return String.join("*", s.elements.subList(0, last + 1));
    }

    /** Every node of the tree, depth first, with its parent (null for the root). */
    static void walk(Node n, Node parent, java.util.function.BiConsumer<Node, Node> f) {
        f.accept(n, parent);
        for (Object p : n.parts) {
            if (p instanceof Node c) {
                walk(c, n, f);
            }
        }
    }

    /** Runs one transaction set, ST first and SE last, through a validator (ordinals from 3, as after ISA and GS). */
    static void check(GuideValidator v, List<String> segments, GuideReport report) {
        for (int i = 0; i < segments.size(); i++) {
            io.toothcomb.reader.Segment s = io.toothcomb.reader.Segment.of(segments.get(i),
                    io.toothcomb.reader.Delimiters.STANDARD, i + 3);
            if (i == 0) {
                v.start(s, report);
            } else if (i == segments.size() - 1) {
                v.end(s, report);
            } else {
                v.segment(s, report);
            }
        }
    }
}
