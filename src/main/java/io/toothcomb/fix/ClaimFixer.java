package io.toothcomb.fix;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoopContext;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.reader.Delimiters;
import io.toothcomb.reader.Segment;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mechanical repairs of {@code --fix}: changes to a claim's segments that follow from the claim itself, with
 * nothing for a person to decide.
 *
 * <ul>
 *   <li>{@link #SPLIT}: a line of a code the code set bills per tooth ({@code per_tooth} y, such as D1354) with
 *       SV306 = N (2 to 50) and N TOO segments naming N different teeth becomes N lines, one TOO each, SV306 = 1,
 *       the SV302 charge divided to the cent (the remainder on the first), the lines after it renumbered (LX),
 *       the first keeping the REF*6R line control number and the others taking it with {@code -2}, {@code -3}, …
 *       (unique on the claim), CLM02 unchanged.</li>
 *   <li>{@link #SURFACES}: a TOO03 whose components are surface letters with one repeated becomes each letter
 *       once, in the order M, O, I, D, B, F, L.</li>
 * </ul>
 *
 * Nothing else: not a line without teeth, a quantity that does not match its teeth, a tooth named twice, a line
 * with other payers' adjudication (2430) or loops of its own (2420), a claim that would have over 50 lines, a
 * letter that is not a surface code. Those need a person.
 */
public final class ClaimFixer {
    /** Rule id of the info finding for a per-tooth line split into one line per tooth. */
    public static final String SPLIT = "FIX-PER-TOOTH-SPLIT";
    /** Rule id of the info finding for surface letters sent once each, in order. */
    public static final String SURFACES = "FIX-SURFACE-LETTERS";
    /** The guide's repeat of loop 2400 (service lines per claim). */
    static final int MAX_LINES = 50;
    /** REF02 is at most 50 characters. */
    static final int MAX_REF = 50;
    private static final String SURFACE_ORDER = "MOIDBFL";

    private final CodeSet codes;

    public ClaimFixer(CodeSet codes) {
        this.codes = codes;
    }

    /** One change, pointing at the segment (and element) of the claim as received. */
    public record Edit(String rule, int segment, Integer line, int element, String message) {
    }

    /**
     * A mended claim.
     *
     * @param segments the claim's segments as they go out, without terminators
     * @param origins for each of {@code segments}, the ordinal of the segment it came from
     * @param lineOrigins each new LX number, the LX number of the line it came from
     * @param edits what changed and why
     */
    public record Fix(List<String> segments, int[] origins, Map<Integer, Integer> lineOrigins, List<Edit> edits) {
    }

    /** The claim mended, or null when nothing in it can be mended mechanically. */
    public Fix fix(ClaimUnit unit) {
        List<Segment> segs = unit.segments();
        if (segs.isEmpty()) {
            return null;
        }
        Delimiters d = segs.get(0).delimiters();
        Map<Integer, ServiceLine> lines = new HashMap<>();
        Set<String> controls = new HashSet<>();
        int count = 0;
        for (ServiceLine l : unit.claim().lines()) {
            lines.put(l.segment(), l);
            if (l.lineControlNumber() != null && !l.lineControlNumber().isEmpty()) {
                controls.add(l.lineControlNumber());
            }
            count++;
        }
        List<String> out = new ArrayList<>(segs.size() + 8);
        List<Integer> origins = new ArrayList<>(segs.size() + 8);
        Map<Integer, Integer> lineOrigins = new HashMap<>();
        List<Edit> edits = new ArrayList<>();
        int lx = 0;
        int i = 0;
        while (i < segs.size()) {
            Segment s = segs.get(i);
            if (!s.id().equals("LX")) {
                add(out, origins, s.text(), s);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < segs.size() && !segs.get(j).id().equals("LX")) {
                j++;
            }
            List<Segment> block = segs.subList(i, j);
            List<LoopMark> loops = unit.loops().size() == segs.size() ? unit.loops().subList(i, j) : null;
            ServiceLine line = lines.get(s.ordinal());
            int teeth = line == null ? 0 : splittable(line, block, loops, controls, count);
            if (teeth > 0) {
                count += teeth - 1;
                lx = split(line, block, teeth, d, lx, out, origins, lineOrigins, edits);
            } else {
                lx++;
                if (line != null) {
                    lineOrigins.put(lx, line.number());
                }
                for (Segment b : block) {
                    String text = b.id().equals("LX") ? "LX" + d.elementChar() + lx : b.text();
                    if (b.id().equals("TOO")) {
                        text = surfaces(b, d, line, edits);
                    }
                    add(out, origins, text, b);
                }
            }
            i = j;
        }
        if (edits.isEmpty()) {
            return null;
        }
        int[] o = new int[origins.size()];
        for (int k = 0; k < o.length; k++) {
            o[k] = origins.get(k);
        }
        return new Fix(List.copyOf(out), o, Map.copyOf(lineOrigins), List.copyOf(edits));
    }

    private static void add(List<String> out, List<Integer> origins, String text, Segment from) {
        out.add(text);
        origins.add(from.ordinal());
    }

    /**
     * How many lines {@code line} becomes when it is a per-tooth line billed as one (SV306 = N, N different teeth),
     * or 0 when it is not one to split mechanically.
     */
    private int splittable(ServiceLine line, List<Segment> block, List<LoopMark> loops, Set<String> controls,
                           int lineCount) {
        if (line.code() == null || line.quantity() == null || line.charge() == null || line.sv3Segment() == 0) {
            return 0;
        }
        CodeInfo info = codes.lookup(line.code(), line.serviceDate());
        if (info == null || !info.perTooth()) {
            return 0;
        }
        BigDecimal q = line.quantity().stripTrailingZeros();
        if (q.scale() > 0 || q.compareTo(BigDecimal.valueOf(2)) < 0 || q.compareTo(BigDecimal.valueOf(MAX_LINES)) > 0) {
            return 0;
        }
        int n = q.intValueExact();
        if (line.teeth().size() != n || lineCount + n - 1 > MAX_LINES || !line.adjudications().isEmpty()) {
            return 0;
        }
        Set<String> distinct = new HashSet<>();
        for (Tooth t : line.teeth()) {
            if (t.designation() == null || t.designation().isEmpty() || !distinct.add(t.designation())) {
                return 0;
            }
        }
        BigDecimal cents = line.charge().movePointRight(2).stripTrailingZeros();
        if (cents.scale() > 0 || cents.signum() < 0) {
            return 0;
        }
        // only the line's own segments: a 2420 or 2430 loop under it needs a person
        if (loops != null) {
            for (LoopMark m : loops) {
                if (!m.loop().equals("2400")) {
                    return 0;
                }
            }
        }
        String ref = line.lineControlNumber();
        if (ref != null && !ref.isEmpty()) {
            for (int k = 2; k <= n; k++) {
                String v = ref + "-" + k;
                if (v.length() > MAX_REF || controls.contains(v)) {
                    return 0;
                }
            }
        }
        // the TOO segments are the line's teeth, in order, and lie together
        int first = -1;
        int found = 0;
        for (int k = 0; k < block.size(); k++) {
            if (block.get(k).id().equals("TOO")) {
                if (first < 0) {
                    first = k;
                } else if (k != first + found) {
                    return 0;
                }
                found++;
            }
        }
        return found == n ? n : 0;
    }

    /** Writes the N lines of a split line; returns the last LX number used. */
    private static int split(ServiceLine line, List<Segment> block, int n, Delimiters d, int lx, List<String> out,
                             List<Integer> origins, Map<Integer, Integer> lineOrigins, List<Edit> edits) {
        long cents = line.charge().movePointRight(2).longValueExact();
        long each = cents / n;
        long first = cents - each * (n - 1);
        String ref = line.lineControlNumber();
        List<Segment> teeth = new ArrayList<>(n);
        for (Segment b : block) {
            if (b.id().equals("TOO")) {
                teeth.add(b);
            }
        }
        int from = lx + 1;
        StringBuilder shown = new StringBuilder();
        for (int k = 0; k < n; k++) {
            lx++;
            lineOrigins.put(lx, line.number());
            boolean tooDone = false;
            for (Segment b : block) {
                String text;
                switch (b.id()) {
                    case "LX" -> text = "LX" + d.elementChar() + lx;
                    case "SV3" -> text = sv3(b, d, k == 0 ? first : each);
                    case "TOO" -> {
                        if (tooDone) {
                            continue;
                        }
                        tooDone = true;
                        b = teeth.get(k);
                        text = surfaces(b, d, line, edits);
                    }
                    case "REF" -> text = k > 0 && ref != null && b.element(1).equals("6R")
                            ? replace(b, d, 2, ref + "-" + (k + 1)) : b.text();
                    default -> text = b.text();
                }
                add(out, origins, text, b);
                if (!b.id().equals("DTP")) {
                    shown.append(' ').append(text).append(d.segmentChar());
                }
            }
        }
        StringBuilder teethList = new StringBuilder();
        for (Tooth t : line.teeth()) {
            teethList.append(teethList.length() == 0 ? "" : ", ").append(t.designation());
        }
        edits.add(new Edit(SPLIT, line.sv3Segment(), line.number(), 6, line.code()
                + " is billed per tooth: line " + line.number() + " had quantity " + n + " and " + n + " teeth ("
                + teethList + ") on one line; sent as lines " + from + "-" + lx + ", one tooth each, quantity 1, "
                + money(each) + " each" + (first != each ? " (" + money(first) + " on the first, the remainder of the"
                + " cents)" : "") + (ref != null && !ref.isEmpty() ? ", REF*6R " + ref + " on the first and " + ref
                + "-2" + (n > 2 ? " … " + ref + "-" + n : "") + " after it" : "") + "; the lines after it renumbered, CLM02 unchanged. "
                + "Sent: " + shown.toString().trim()));
        return lx;
    }

    /** TOO as received, or with its surfaces each once and in order when a letter was repeated. */
    private static String surfaces(Segment too, Delimiters d, ServiceLine line, List<Edit> edits) {
        if (too.elementCount() < 3) {
            return too.text();
        }
        List<String> given = too.components(3);
        Set<Character> letters = new LinkedHashSet<>();
        for (String c : given) {
            if (c.length() != 1 || SURFACE_ORDER.indexOf(c.charAt(0)) < 0) {
                return too.text(); // not all surface letters: a person must say which were meant
            }
            letters.add(c.charAt(0));
        }
        if (letters.size() == given.size()) {
            return too.text();
        }
        StringBuilder now = new StringBuilder();
        for (char c : SURFACE_ORDER.toCharArray()) {
            if (letters.contains(c)) {
                now.append(now.length() == 0 ? "" : String.valueOf(d.componentChar())).append(c);
            }
        }
        String text = replace(too, d, 3, now.toString());
        String was = String.join(String.valueOf(d.componentChar()), given);
        edits.add(new Edit(SURFACES, too.ordinal(), line == null ? null : line.number(), 3, "TOO03 of tooth "
                + too.element(2) + (line == null ? "" : " on line " + line.number()) + " was " + was + ", a surface "
                + "repeated: sent as " + now + ", each surface once (in the order M, O, I, D, B, F, L). Sent: "
                + text + d.segmentChar()));
        return text;
    }

    /** SV3 with SV302 = {@code cents} and SV306 = 1. */
    private static String sv3(Segment sv3, Delimiters d, long cents) {
        String[] e = elements(sv3, d, 6);
        e[2] = money(cents);
        e[6] = "1";
        return join(e, d);
    }

    private static String replace(Segment s, Delimiters d, int i, String value) {
        String[] e = elements(s, d, i);
        e[i] = value;
        return join(e, d);
    }

    /** The segment's id and elements as written, at least {@code min} elements. */
    private static String[] elements(Segment s, Delimiters d, int min) {
        String[] e = s.text().split(Pattern.quote(String.valueOf(d.elementChar())), -1);
        if (e.length > min) {
            return e;
        }
        String[] wider = new String[min + 1];
        for (int k = 0; k <= min; k++) {
            wider[k] = k < e.length ? e[k] : "";
        }
        return wider;
    }

    private static String join(String[] e, Delimiters d) {
        int last = e.length - 1;
        while (last > 0 && e[last].isEmpty()) {
            last--;
        }
        StringBuilder b = new StringBuilder(e[0]);
        for (int k = 1; k <= last; k++) {
            b.append(d.elementChar()).append(e[k]);
        }
        return b.toString();
    }

    static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /**
     * The claim, mended, in an interchange of its own: a standard envelope, the set's heading and the loops it
     * hangs from as received, then {@code fix}'s segments; for scrubbing the mended claim again exactly as a file
     * would be. Also gives, for each segment of that file (1-based), the ordinal in the input it stands for (0 for
     * the envelope).
     */
    public static Rescrub rescrub(Fix fix, LoopContext context, Delimiters d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        List<Integer> ordinals = new ArrayList<>();
        char e = d.elementChar();
        char rep = d.repetition() == 0 ? '^' : d.repetitionChar();
        String isa = "ISA" + e + "00" + e + " ".repeat(10) + e + "00" + e + " ".repeat(10) + e + "ZZ" + e
                + "TOOTHCOMB      " + e + "ZZ" + e + "TOOTHCOMB      " + e + "260101" + e + "0000" + e + rep + e
                + "00501" + e + "000000001" + e + "0" + e + "P" + e + d.componentChar();
        line(bytes, ordinals, isa, 0, d);
        line(bytes, ordinals, "GS" + e + "HC" + e + "TOOTHCOMB" + e + "TOOTHCOMB" + e + "20260101" + e + "0000" + e
                + "1" + e + "X" + e + "005010X224A2", 0, d);
        line(bytes, ordinals, "ST" + e + "837" + e + "0001" + e + "005010X224A2", 0, d);
        int inSet = 1;
        for (List<Segment> part : List.of(context.heading(), context.provider(), context.subscriber(),
                context.patient())) {
            for (Segment s : part) {
                line(bytes, ordinals, s.text(), s.ordinal(), d);
                inSet++;
            }
        }
        for (int k = 0; k < fix.segments().size(); k++) {
            line(bytes, ordinals, fix.segments().get(k), fix.origins()[k], d);
            inSet++;
        }
        line(bytes, ordinals, "SE" + e + (inSet + 1) + e + "0001", 0, d);
        line(bytes, ordinals, "GE" + e + "1" + e + "1", 0, d);
        line(bytes, ordinals, "IEA" + e + "1" + e + "000000001", 0, d);
        int[] o = new int[ordinals.size() + 1];
        for (int k = 0; k < ordinals.size(); k++) {
            o[k + 1] = ordinals.get(k);
        }
        return new Rescrub(bytes.toByteArray(), o);
    }

    /** A mended claim's own interchange, and for each of its segments (1-based) the input ordinal. */
    public record Rescrub(byte[] bytes, int[] ordinals) {
        public int original(int ordinal) {
            return ordinal > 0 && ordinal < ordinals.length ? ordinals[ordinal] : 0;
        }
    }

    private static void line(ByteArrayOutputStream out, List<Integer> ordinals, String text, int ordinal,
                             Delimiters d) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write(d.segment());
        if (d.segment() != '\n') {
            out.write('\n');
        }
        ordinals.add(ordinal);
    }
}
