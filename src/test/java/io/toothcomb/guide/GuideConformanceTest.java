package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.guide.Guide.Element;
import io.toothcomb.guide.GuideSample.Node;
import io.toothcomb.guide.GuideSample.Seg;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.reader.Segment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The 999's checks, generated from the guide tables: a transaction set made from the table alone
 * ({@link GuideSample}) is accepted, and each kind of single defect the table describes is reported with the
 * guide's code. For the 837D the set goes through the loader (what the 999 is written from); the 999 and 277CA
 * tables go through the validator directly. Each test prints how many variants of each kind it tried.
 */
class GuideConformanceTest {

    /** What a validation of one variant reported: "IK3 N3 3", "IK4 NM103 5", "IK5 4". */
    record Outcome(Set<String> errors, List<String> messages) {
        boolean accepted() {
            return errors.isEmpty();
        }
    }

    interface Checker extends Function<List<String>, Outcome> {
    }

    /** The 837D through the loader, wrapped in an interchange. */
    static final Checker DENTAL = segments -> {
        StringBuilder b = new StringBuilder();
        b.append("ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261201*1200*^*00501*000000001*0*T*:~");
        b.append("GS*HC*SUBMITTER*RECEIVER*20261201*1200*1*X*005010X224A2~");
        for (String s : segments) {
            b.append(s).append('~');
        }
        b.append("GE*1*1~IEA*1*000000001~");
        try {
            FileAck ack = ClaimLoader.load(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)),
                    "generated.edi", new LoadHandler() {
                    });
            Set<String> errors = new LinkedHashSet<>();
            List<String> messages = new ArrayList<>();
            ack.fileErrors().forEach(e -> {
                errors.add("FILE");
                messages.add(e.describe());
            });
            for (var g : ack.groups()) {
                g.ak9Codes().forEach(c -> errors.add("AK9 " + c));
                for (TransactionAck t : g.transactions()) {
                    t.ik5Codes().forEach(c -> errors.add("IK5 " + c));
                    for (SyntaxError e : t.errors()) {
                        errors.add(key(e.segmentId(), e.element(), e.component(),
                                e.element() > 0 ? e.elementErrorCode() : e.segmentErrorCode()));
                        messages.add(e.describe());
                    }
                }
            }
            return new Outcome(errors, messages);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    };

    /** Any guide through the validator alone. */
    static Checker direct(Guide guide) {
        return segments -> {
            Set<String> errors = new LinkedHashSet<>();
            List<String> messages = new ArrayList<>();
            GuideReport report = new GuideReport() {
                @Override
                public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
                    errors.add(key(segmentId, 0, 0, code));
                    messages.add(message);
                }

                @Override
                public void elementError(Segment s, String loopId, int element, int component, String ref,
                                         String code, String bad, String message) {
                    errors.add(key(s.id(), element, component, code));
                    messages.add(message);
                }
            };
            GuideValidator v = new GuideValidator(guide);
            GuideSample.check(v, segments, report);
            return new Outcome(errors, messages);
        };
    }

    static String key(String segmentId, int element, int component, String code) {
        return element == 0 ? "IK3 " + segmentId + " " + code
                : "IK4 " + Element.name(segmentId, element, component) + " " + code;
    }

    // ---------------------------------------------------------------- the suites

    @Test
    void dental837() {
        suite(Guide.dental837(), DENTAL);
    }

    @Test
    void ack999() {
        suite(Guide.ack999(), direct(Guide.ack999()));
    }

    @Test
    void ack277() {
        suite(Guide.ack277(), direct(Guide.ack277()));
    }

    /** The HL hierarchy of the 837D sample broken four ways: each is an IK4 7 on the HL that breaks it. */
    @Test
    void dentalHierarchy() {
        Node base = GuideSample.build(Guide.dental837());
        List<Seg> hls = new ArrayList<>();
        collect(base, s -> {
            if (s.use.id().equals("HL")) {
                hls.add(s);
            }
        });
        List<String> levels = hls.stream().map(s -> s.use.qualifierValues().get(0)).toList();
        assertEquals(List.of("20", "22", "23"), levels, "the sample's levels");
        int subscriber = indexOf(base, hls.get(1));
        int patient = indexOf(base, hls.get(2));
        // HL02 names an HL that does not exist
        Node v = base.copy();
        setValue(segAt(v, subscriber), 2, 0, "99");
        assertTrue(DENTAL.apply(GuideSample.render(v)).errors().contains("IK4 HL02 7"));
        // an HL id used twice
        v = base.copy();
        setValue(segAt(v, patient), 1, 0, "1");
        assertTrue(DENTAL.apply(GuideSample.render(v)).errors().contains("IK4 HL01 7"));
        // a patient level under a subscriber whose HL04 says it has no children
        v = base.copy();
        setValue(segAt(v, subscriber), 4, 0, "0");
        assertTrue(DENTAL.apply(GuideSample.render(v)).errors().contains("IK4 HL02 7"));
        // a subscriber level under a subscriber: HL 3 made a 22 naming HL 2
        v = base.copy();
        Seg p = segAt(v, patient);
        List<String> seg = GuideSample.render(v);
        int at = seg.indexOf(GuideSample.text(p));
        seg.set(at, "HL*3*2*22*0");
        assertTrue(DENTAL.apply(seg).errors().contains("IK4 HL02 7"), DENTAL.apply(seg).errors().toString());
    }

    private static int indexOf(Node root, Seg s) {
        List<Seg> all = new ArrayList<>();
        collect(root, all::add);
        return all.indexOf(s);
    }

    /** Counts of variants by kind, and the failures, for one guide. */
    private static final class Tally {
        final java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        final List<String> failures = new ArrayList<>();

        void expect(String kind, Outcome o, String want, String what) {
            counts.merge(kind, 1, Integer::sum);
            boolean ok = want == null ? o.accepted() : o.errors().contains(want);
            if (!ok) {
                failures.add(kind + ": " + what + " -> expected " + (want == null ? "accepted" : want) + ", got "
                        + o.errors() + " " + o.messages());
            }
        }
    }

    private static void suite(Guide guide, Checker check) {
        Node base = GuideSample.build(guide);
        Outcome clean = check.apply(GuideSample.render(base));
        assertTrue(clean.accepted(), "the sample made from " + guide.source() + " is not accepted: " + clean.errors()
                + "\n" + String.join("\n", clean.messages()) + "\n" + String.join("~\n", GuideSample.render(base)));
        Tally t = new Tally();
        int nodes = count(base, true);
        // each segment the guide requires, removed: IK3 3 (a loop's first segment: the whole loop removed)
        for (int i = 0; i < countSegs(base); i++) {
            final int k = i;
            Seg target = segAt(base, k);
            if (target.use.usage() != 'R' || isEnvelope(target) || target.use == target.use.loop().opener()) {
                continue;
            }
            Node v = base.copy();
            remove(v, k);
            t.expect("required segment removed", check.apply(GuideSample.render(v)),
                    key(target.use.id(), 0, 0, "3"), target.use.toString());
        }
        for (int i = 1; i < nodes; i++) {
            Node[] np = nodeAt(base, i);
            if (np[0].loop.usage() != 'R' || np[0].loop.id().contains("-")) {
                continue;
            }
            if (hasSibling(np[1], np[0].loop)) {
                continue;
            }
            Node v = base.copy();
            Node[] vp = nodeAt(v, i);
            vp[1].parts.remove(vp[0]);
            t.expect("required loop removed", check.apply(GuideSample.render(v)),
                    key(np[0].loop.opener().id(), 0, 0, "3"), "loop " + np[0].loop.id());
        }
        // each segment the guide allows once, doubled: IK3 5
        for (int i = 0; i < countSegs(base); i++) {
            Seg target = segAt(base, i);
            if (target.use.maxUse() != 1 || isEnvelope(target) || target.use == target.use.loop().opener()) {
                continue;
            }
            Node v = base.copy();
            duplicate(v, i, 1);
            t.expect("max-use-1 segment doubled", check.apply(GuideSample.render(v)),
                    key(target.use.id(), 0, 0, "5"), target.use.toString());
        }
        // each loop over its repeat (where that is a small number): IK3 4
        for (int i = 1; i < nodes; i++) {
            Node[] np = nodeAt(base, i);
            int repeat = np[0].loop.repeat();
            if (repeat > 100 || np[0].isHl() || np[0].loop.id().contains("-")) {
                continue;
            }
            Node v = base.copy();
            Node[] vp = nodeAt(v, i);
            int at = vp[1].parts.indexOf(vp[0]);
            for (int r = 0; r < repeat; r++) {
                vp[1].parts.add(at, vp[0].copy());
            }
            t.expect("loop over its repeat", check.apply(GuideSample.render(v)),
                    key(np[0].loop.opener().id(), 0, 0, "4"), "loop " + np[0].loop.id() + " x" + (repeat + 1));
        }
        // each ID element (or component) with a code list, given a value outside it: IK4 7
        // each element one character over its maximum: IK4 5
        for (int i = 0; i < countSegs(base); i++) {
            Seg target = segAt(base, i);
            if (isEnvelope(target)) {
                continue;
            }
            for (int p = 1; p <= target.use.lastPosition(); p++) {
                Element e = target.use.element(p);
                if (e == null || e.usage() == 'N' || target.get(p).isEmpty()) {
                    continue;
                }
                if (e.type() == Guide.Type.COMPOSITE) {
                    String[] comps = target.get(p).split(":", -1);
                    for (int c = 1; c <= comps.length; c++) {
                        Element k = e.componentAt(c);
                        if (k != null && !comps[c - 1].isEmpty()) {
                            mutations(t, check, base, i, target, p, c, k);
                        }
                    }
                } else {
                    mutations(t, check, base, i, target, p, 0, e);
                }
            }
        }
        // controls: each optional segment removed, each optional loop removed, each repeatable segment and loop
        // repeated within its limit: accepted
        for (int i = 0; i < countSegs(base); i++) {
            Seg target = segAt(base, i);
            if (target.use.usage() != 'S' || target.use == target.use.loop().opener()) {
                continue;
            }
            Node v = base.copy();
            remove(v, i);
            t.expect("control: optional segment removed", check.apply(GuideSample.render(v)), null,
                    target.use.toString());
        }
        for (int i = 1; i < nodes; i++) {
            Node[] np = nodeAt(base, i);
            if (np[0].loop.usage() != 'S' && !hasSibling(np[1], np[0].loop)) {
                continue;
            }
            Node v = base.copy();
            Node[] vp = nodeAt(v, i);
            vp[1].parts.remove(vp[0]);
            t.expect("control: optional loop removed", check.apply(GuideSample.render(v)), null,
                    "loop " + np[0].loop.id());
        }
        for (int i = 0; i < countSegs(base); i++) {
            Seg target = segAt(base, i);
            if (target.use.maxUse() < 2 || target.use == target.use.loop().opener()) {
                continue;
            }
            Node v = base.copy();
            duplicate(v, i, Math.min(target.use.maxUse(), 3) - 1);
            t.expect("control: repeatable segment repeated", check.apply(GuideSample.render(v)), null,
                    target.use.toString());
        }
        for (int i = 1; i < nodes; i++) {
            Node[] np = nodeAt(base, i);
            if (np[0].loop.repeat() < 2 || np[0].loop.id().contains("-")) {
                continue;
            }
            Node v = base.copy();
            Node[] vp = nodeAt(v, i);
            vp[1].parts.add(vp[1].parts.indexOf(vp[0]), vp[0].copy());
            t.expect("control: repeatable loop repeated", check.apply(GuideSample.render(v)), null,
                    "loop " + np[0].loop.id());
        }
        t.counts.forEach((kind, n) -> System.out.println("GUIDE-SUITE " + guide.transaction() + " " + guide.version()
                + " | " + kind + " | " + n));
        assertEquals(List.of(), t.failures.size() > 40 ? t.failures.subList(0, 40) : t.failures,
                t.failures.size() + " of " + t.counts.values().stream().mapToInt(Integer::intValue).sum()
                        + " variants failed");
    }

    private static void mutations(Tally t, Checker check, Node base, int i, Seg target, int p, int c, Element e) {
        boolean qualifier = p == target.use.qualifierElement() && c == target.use.qualifierComponent();
        String name = Element.name(target.use.id(), p, c);
        if (!e.codes().isEmpty()) {
            String bad = outside(e);
            if (bad != null) {
                Node v = base.copy();
                setValue(segAt(v, i), p, c, bad);
                t.expect("code outside its list", check.apply(GuideSample.render(v)), key(target.use.id(), p, c, "7"),
                        name + "=" + bad + " in " + target.use);
            }
        }
        if (e.max() > 0 && e.max() < 300 && !qualifier) {
            String v0 = c == 0 ? target.get(p) : target.get(p).split(":", -1)[c - 1];
            String longer = over(e, v0);
            Node v = base.copy();
            setValue(segAt(v, i), p, c, longer);
            t.expect("element one over its maximum", check.apply(GuideSample.render(v)),
                    key(target.use.id(), p, c, "5"), name + " (" + longer.length() + ") in " + target.use);
        }
    }

    /** A value of allowed length that is none of the element's codes. */
    static String outside(Element e) {
        for (String fill : new String[] {"Z", "9", "Q", "X"}) {
            for (int len = Math.max(1, e.min()); len <= Math.max(1, e.max()); len++) {
                String v = fill.repeat(len);
                if (!e.codes().contains(v)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** The value made one character longer than the element's maximum, keeping its type's form. */
    static String over(Element e, String v) {
        String pad = switch (e.type()) {
            case N, R, DT, TM -> "1";
            default -> "Z";
        };
        StringBuilder b = new StringBuilder(v);
        while (b.length() <= e.max()) {
            b.append(pad);
        }
        if (e.type() == Guide.Type.R && b.indexOf(".") < 0) {
            // an R value counts digits only
            return b.toString();
        }
        return b.toString();
    }

    private static boolean isEnvelope(Seg s) {
        return s.use.id().equals("ST") || s.use.id().equals("SE");
    }

    private static boolean hasSibling(Node parent, Guide.Loop loop) {
        int n = 0;
        for (Object p : parent.parts) {
            if (p instanceof Node c && c.loop == loop) {
                n++;
            }
        }
        return n > 1;
    }

    private static void setValue(Seg s, int p, int c, String value) {
        s.fixed.add(p);
        if (c == 0) {
            s.set(p, value);
            return;
        }
        String[] comps = s.get(p).split(":", -1);
        comps[c - 1] = value;
        s.set(p, String.join(":", comps));
    }

    // ---------------------------------------------------------------- addressing the tree

    private static int countSegs(Node n) {
        int k = 0;
        for (Object p : n.parts) {
            k += p instanceof Seg ? 1 : countSegs((Node) p);
        }
        return k;
    }

    private static Seg segAt(Node root, int index) {
        List<Seg> all = new ArrayList<>();
        collect(root, all::add);
        return all.get(index);
    }

    private static void collect(Node n, Consumer<Seg> out) {
        for (Object p : n.parts) {
            if (p instanceof Seg s) {
                out.accept(s);
            } else {
                collect((Node) p, out);
            }
        }
    }

    private static void remove(Node root, int index) {
        Seg s = segAt(root, index);
        removeFrom(root, s);
    }

    private static boolean removeFrom(Node n, Seg s) {
        if (n.parts.remove(s)) {
            return true;
        }
        for (Object p : n.parts) {
            if (p instanceof Node c && removeFrom(c, s)) {
                return true;
            }
        }
        return false;
    }

    private static void duplicate(Node root, int index, int copies) {
        Seg s = segAt(root, index);
        duplicateIn(root, s, copies);
    }

    private static boolean duplicateIn(Node n, Seg s, int copies) {
        int at = n.parts.indexOf(s);
        if (at >= 0) {
            for (int k = 0; k < copies; k++) {
                n.parts.add(at + 1, s.copy());
            }
            return true;
        }
        for (Object p : n.parts) {
            if (p instanceof Node c && duplicateIn(c, s, copies)) {
                return true;
            }
        }
        return false;
    }

    private static int count(Node n, boolean self) {
        int k = self ? 1 : 0;
        for (Object p : n.parts) {
            if (p instanceof Node c) {
                k += count(c, true);
            }
        }
        return k;
    }

    /** The index-th node depth first (0 is the root) and its parent. */
    private static Node[] nodeAt(Node root, int index) {
        List<Node[]> all = new ArrayList<>();
        GuideSample.walk(root, null, (n, parent) -> all.add(new Node[] {n, parent}));
        return all.get(index);
    }
}
