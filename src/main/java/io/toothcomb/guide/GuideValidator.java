package io.toothcomb.guide;

import io.toothcomb.guide.Guide.Element;
import io.toothcomb.guide.Guide.Item;
import io.toothcomb.guide.Guide.Loop;
import io.toothcomb.guide.Guide.SegmentUse;
import io.toothcomb.guide.Guide.Syntax;
import io.toothcomb.guide.Guide.Type;
import io.toothcomb.reader.Segment;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks one transaction set at a time against an implementation guide, segment by segment as they are read:
 * which loop each segment belongs to (so the loader needs no loop tracking of its own), the order, usage and
 * repeat of segments and loops, the HL hierarchy, and every element's usage, length, characters, form and code
 * list, and the segments' syntax notes. Reports in the 999's terms through a {@link GuideReport}.
 *
 * <p>Keeps a stack of the open loop instances; a segment is looked for in the innermost loop from where that
 * loop has got to, then in each enclosing loop outwards (which closes the inner ones). Uses of one segment id
 * that stand next to each other in the guide (2300's DTP or REF uses) share a position and may come in any
 * order, as X12 allows. Allocates nothing per segment unless it finds an error. Not thread-safe: one per reader.
 */
public final class GuideValidator {
    /**
     * For measuring only (docs/benchmark.md): with the system property {@code toothcomb.measure.noGuideChecks}
     * set, the loops are still tracked but no element is checked and the loader runs no situational rule, so a
     * benchmark can time the same build with and without the guide's checks. Never for real files: the 999
     * would then accept what the guide forbids.
     */
    public static final boolean CHECKS = !Boolean.getBoolean("toothcomb.measure.noGuideChecks");
    private final Guide guide;
    private Frame[] stack = new Frame[12];
    private int depth;
    private Loop lastLoop;
    private boolean lastOpened;
    private final boolean shortWays;
    private SegmentUse lastUse;
    /** HL01 values seen in this set, with whether their HL04 said they have children. */
    private final HlIds hlIds = new HlIds();
    private boolean active;

    /** The guide's numbers of segment ids by {@link Segment#idKey()} (shared by its loops). */
    private final byte[] sids;

    public GuideValidator(Guide guide) {
        this(guide, true);
    }

    /** {@code shortWays} false: every segment's elements are checked the long way (for a test that compares). */
    GuideValidator(Guide guide, boolean shortWays) {
        this.shortWays = shortWays;
        this.guide = guide;
        this.memo = new long[guide.compositeCount() * MEMO_WAYS * 2];
        this.sids = guide.root().sid;
        for (int i = 0; i < stack.length; i++) {
            stack[i] = new Frame();
        }
    }

    public Guide guide() {
        return guide;
    }

    /** The loop of the last segment given to {@link #start} or {@link #segment}. */
    public Loop loop() {
        return lastLoop;
    }

    /**
     * The segment use the last segment was matched to (a loop's opener when it opened one), or null when no open
     * loop expects it: its qualifier, if the use has one, holds one of the use's values.
     */
    public SegmentUse use() {
        return lastUse;
    }

    /** True when the last segment opened a new instance of its loop. */
    public boolean opened() {
        return lastOpened;
    }

    /** True between {@link #start} and {@link #end}. */
    public boolean active() {
        return active;
    }

    /** Starts a transaction set at its ST (checked against the guide's ST like any segment). */
    public void start(Segment st, GuideReport report) {
        depth = 0;
        hlIds.clear();
        Frame f = push(guide.root(), null);
        f.pos = 0;
        f.uses[0] = 1;
        active = true;
        lastLoop = guide.root();
        lastUse = guide.root().opener;
        lastOpened = true;
        checkElements(st, guide.root().opener, false, report);
    }

    /** Checks one segment of the set's body (not ST, not SE); returns its loop. */
    public Loop segment(Segment s, GuideReport report) {
        if (!active) {
            lastUse = null;
            return lastLoop;
        }
        // forward, from the innermost loop outwards
        int key = s.idKey();
        // the qualifier element whose key was made last for this segment (none yet)
        int qualElement = -1;
        int qualComponent = -1;
        long qualKey = 0;
        // the guide's number of the id (0: none), the same in every loop
        int sid = key >= 0 ? sids[key] : 0;
        for (int d = depth - 1; d >= 0; d--) {
            Frame f = stack[d];
            int[] cands = f.bySid[sid];
            if (cands == null) {
                continue;
            }
            Loop loop = f.loop;
            Item[] items = f.items;
            int from = f.group[f.pos];
            if (d > 0 && from == 0) {
                from = 1; // the opener again is a new instance, found in the parent
            }
            for (int ci = 0; ci < cands.length; ci++) {
                int i = cands[ci];
                if (i < from) {
                    continue;
                }
                Item it = items[i];
                if (it instanceof SegmentUse) {
                    // the run of uses of this id shares one position: a qualified use that fits wins over one
                    // without a qualifier, wherever each stands in the run
                    int end = loop.runEnd[i];
                    int hit = -1;
                    long[] runKeys = loop.runKeys[loop.group[i]];
                    if (runKeys != null && loop.group[i] == i) {
                        // one key of the qualifier, compared with every use's values at once
                        SegmentUse first = (SegmentUse) items[i];
                        long q = s.key(first.qualElement, first.qualComponent);
                        int[] uses = loop.runUses[i];
                        for (int k = 0; k < runKeys.length; k++) {
                            if (runKeys[k] == q) {
                                hit = uses[k];
                                break;
                            }
                        }
                    } else {
                        for (int k = i; k < end; k++) {
                            SegmentUse c = (SegmentUse) items[k];
                            if (c.qualElement != 0 && c.qualifies(s)) {
                                hit = k;
                                break;
                            }
                        }
                    }
                    if (hit < 0) {
                        for (int k = i; k < end; k++) {
                            if (((SegmentUse) items[k]).qualElement == 0) {
                                hit = k;
                                break;
                            }
                        }
                    }
                    if (hit < 0) {
                        while (ci + 1 < cands.length && cands[ci + 1] < end) {
                            ci++;
                        }
                        continue;
                    }
                    SegmentUse u = (SegmentUse) items[hit];
                    close(d + 1, s, report);
                    f.pos = Math.max(f.pos, hit);
                    int uses = ++f.uses[hit];
                    lastLoop = loop;
                    lastUse = u;
                    lastOpened = false;
                    if (u.usage == 'N') {
                        report.segmentError(s, s.id(), loop.reported, "I4", s.id() + " is not used in loop "
                                + loop.id + " by this implementation guide");
                    } else if (uses > u.maxUse) {
                        report.segmentError(s, s.id(), loop.reported, "5", s.id() + describe(u) + " may occur "
                                + times(u.maxUse) + " in loop " + loop.id + "; this is number " + uses);
                    }
                    checkElements(s, u, true, report);
                    return loop;
                }
                Loop child = (Loop) it;
                SegmentUse o = child.opener;
                boolean opens;
                if (o.qualElement == 0) {
                    opens = true;
                } else {
                    // sibling loops opened by one id are told apart by one element (NM101): its key made once
                    if (o.qualElement != qualElement || o.qualComponent != qualComponent) {
                        qualElement = o.qualElement;
                        qualComponent = o.qualComponent;
                        qualKey = s.key(qualElement, qualComponent);
                    }
                    opens = qualKey != -1 ? o.hasQualifierKey(qualKey) : o.qualifies(s);
                }
                if (opens) {
                    close(d + 1, s, report);
                    f.pos = i;
                    int n = ++f.uses[i];
                    if (n > child.repeat) {
                        report.segmentError(s, s.id(), child.reported, "4", "loop " + child.id + " may occur "
                                + times(child.repeat) + " in loop " + loop.id + "; this is number " + n);
                    }
                    Frame c = push(child, s);
                    c.pos = 0;
                    c.uses[0] = 1;
                    lastLoop = child;
                    lastUse = o;
                    lastOpened = true;
                    if (key == HL_KEY) {
                        hl(s, c, d, report);
                    }
                    checkElements(s, o, true, report);
                    return child;
                }
            }
        }
        lastUse = null;
        unmatched(s, report);
        return lastLoop;
    }

    /** Ends the set at its SE (null when the set has none): checks SE and what is still missing. */
    public void end(Segment se, GuideReport report) {
        if (!active) {
            return;
        }
        if (se != null) {
            Frame root = stack[0];
            Item[] items = root.loop.items;
            for (int i = items.length - 1; i >= 0; i--) {
                if (items[i] instanceof SegmentUse u && u.id.equals("SE")) {
                    close(1, se, report);
                    root.pos = i;
                    root.uses[i]++;
                    checkElements(se, u, false, report);
                    break;
                }
            }
        }
        close(0, se, report);
        active = false;
        lastLoop = guide.root();
        lastUse = null;
        lastOpened = false;
    }

    // ---------------------------------------------------------------- structure

    private static final int HL_KEY = Segment.of("HL", io.toothcomb.reader.Delimiters.STANDARD, 0).idKey();

    private Frame push(Loop loop, Segment opener) {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
            for (int i = depth; i < stack.length; i++) {
                stack[i] = new Frame();
            }
        }
        Frame f = stack[depth++];
        f.reset(loop, opener);
        return f;
    }

    /** Closes the loop instances from {@code level} up, reporting their missing required segments and loops. */
    private void close(int level, Segment at, GuideReport report) {
        while (depth > level) {
            Frame f = stack[--depth];
            Item[] items = f.loop.items;
            int[] required = f.loop.required;
            for (int r = 0; r < required.length; r++) {
                int i = required[r];
                if (f.uses[i] != 0) {
                    continue;
                }
                Item it = items[i];
                if (it instanceof SegmentUse u) {
                    if (u.usage == 'R' && !(u.id.equals("SE") && at == null)) {
                        report.segmentError(at == null ? f.opener : at, u.id, f.loop.reported, "3",
                                "required segment " + u.id + describe(u) + " is missing from loop " + f.loop.id
                                        + (f.opener == null ? "" : " (opened at segment " + f.opener.ordinal() + ")"));
                    }
                } else {
                    Loop child = (Loop) it;
                    if (child.usage == 'R') {
                        report.segmentError(at == null ? f.opener : at, child.opener.id, child.reported, "3",
                                "required loop " + child.id + " (" + child.opener.id + describe(child.opener)
                                        + ") is missing from loop " + f.loop.id
                                        + (f.opener == null ? "" : " (opened at segment " + f.opener.ordinal() + ")"));
                    }
                }
            }
            if (f.hl != null && f.hlChildren && !f.sawChildHl && f.opener != null) {
                report.elementError(f.opener, f.loop.reported, 4, 0, "736", "7", "1",
                        "HL04 says HL " + f.hl.element(1) + " has children, but no HL names it as parent");
            }
        }
    }

    /** HL01 unique, HL02 the enclosing HL, which must allow children (HL04 not 0). */
    private void hl(Segment s, Frame c, int parentLevel, GuideReport report) {
        c.hl = s;
        c.hlChildren = s.elementIs(4, "1");
        c.hlNoChildren = s.elementIs(4, "0");
        if (s.has(1)) {
            if (!hlIds.add(s)) {
                String id = s.element(1);
                report.elementError(s, c.loop.reported, 1, 0, "628", "7", safe(s, 1, 0), "HL01 " + id
                        + " is used by an earlier HL of this transaction set; each HL needs its own id");
            }
        }
        Frame parent = null;
        for (int d = parentLevel; d >= 0; d--) {
            if (stack[d].hl != null) {
                parent = stack[d];
                break;
            }
        }
        if (parent == null) {
            Element e2 = c.loop.opener.element(2);
            String named = s.element(2);
            if (!named.isEmpty() && (e2 == null || e2.usage != 'N')) {
                report.elementError(s, c.loop.reported, 2, 0, "734", "7", safe(s, 2, 0), "HL02 names parent "
                        + named + ", but loop " + c.loop.id + " is at the top of the hierarchy and has no parent");
            }
            return;
        }
        parent.sawChildHl = true;
        if (!s.sameValue(2, parent.hl, 1)) {
            String named = s.element(2);
            String why = named.isEmpty() ? "HL02 is empty"
                    : hlIds.contains(named) ? "HL02 names HL " + named + ", which is not the enclosing loop "
                    + parent.loop.id : "HL02 names HL " + named + ", which does not exist before it";
            report.elementError(s, c.loop.reported, 2, 0, "734", "7", safe(s, 2, 0), why + "; loop " + c.loop.id
                    + " belongs under HL " + parent.hl.element(1) + " (loop " + parent.loop.id + ")");
        } else if (parent.hlNoChildren) {
            report.elementError(s, c.loop.reported, 2, 0, "734", "7", safe(s, 2, 0), "HL02 names HL "
                    + s.element(2) + ", whose HL04 is 0 (no children)");
        }
    }

    /** A segment no open loop expects: out of order, a bad qualifier, unexpected, or unknown. */
    private void unmatched(Segment s, GuideReport report) {
        String loopId = lastLoop.reported;
        // a known id with a qualifier value the guide does not allow here
        for (int d = depth - 1; d >= 0; d--) {
            Frame f = stack[d];
            for (int i = d > 0 ? 1 : 0; i < f.loop.items.length; i++) {
                Item it = f.loop.items[i];
                SegmentUse u = it instanceof SegmentUse su ? su : ((Loop) it).opener;
                if (u.id.equals(s.id()) && u.qualElement != 0 && i >= f.groupStart(f.pos)) {
                    String allowed = allowedQualifiers(f.loop, s.id(), u.qualElement, u.qualComponent, f.groupStart(f.pos));
                    report.elementError(s, loopId, u.qualElement, u.qualComponent, refOf(u), "7",
                            safe(s, u.qualElement, u.qualComponent), u.qualifierName() + " '"
                                    + shown(s, u.qualElement, u.qualComponent) + "' is not a value the guide allows for "
                                    + s.id() + " here (loop " + f.loop.id + " takes " + allowed + ")");
                    return;
                }
            }
        }
        // earlier in a loop that is open: out of sequence
        for (int d = depth - 1; d >= 0; d--) {
            Frame f = stack[d];
            for (int i = 0; i < f.loop.items.length; i++) {
                Item it = f.loop.items[i];
                SegmentUse u = it instanceof SegmentUse su ? su : ((Loop) it).opener;
                if (u.id.equals(s.id()) && u.qualifies(s)) {
                    report.segmentError(s, s.id(), f.loop.reported, "7", s.id() + " is out of order: in loop "
                            + f.loop.id + " it comes before what was read already");
                    return;
                }
            }
        }
        if (guide.usesSegment(s.id())) {
            report.segmentError(s, s.id(), loopId, "2", s.id() + " is not expected here (loop " + loopId + ")");
        } else {
            report.segmentError(s, s.id(), loopId, "1", "segment id '" + printable(s.id())
                    + "' is not used in the " + guide.transaction() + " " + guide.version() + " transaction set");
        }
    }

    private static String allowedQualifiers(Loop loop, String id, int el, int comp, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(from, 0); i < loop.items.length; i++) {
            Item it = loop.items[i];
            SegmentUse u = it instanceof SegmentUse su ? su : ((Loop) it).opener;
            if (u.id.equals(id) && u.qualElement == el && u.qualComponent == comp) {
                for (String v : u.qualValues) {
                    if (b.length() > 0) {
                        b.append(", ");
                    }
                    b.append(v);
                }
            }
        }
        return b.toString();
    }

    private static String refOf(SegmentUse u) {
        Element e = u.element(u.qualElement);
        if (e != null && u.qualComponent > 0) {
            e = e.componentAt(u.qualComponent);
        }
        return e == null ? "" : e.ref;
    }

    // ---------------------------------------------------------------- elements

    /**
     * Composites found clean, by {@code Element.composite}: {@link #MEMO_WAYS} slots each of two longs (the bytes
     * as keys), direct-mapped by a hash of the bytes; valid for {@link #memoComponent} as the component separator.
     */
    private static final int MEMO_BITS = 3;
    private static final int MEMO_WAYS = 1 << MEMO_BITS;
    private final long[] memo;
    private byte memoComponent;

    /** Offsets of the components of the composite being checked (see {@link Segment#componentBounds}). */
    private final int[] comps = new int[2 * 32];

    /**
     * Checks a segment's elements against the use it was matched to ({@code matched}: by its qualifier, whose
     * value then needs no second look).
     */
    private void checkElements(Segment s, SegmentUse u, boolean matched, GuideReport report) {
        if (!CHECKS) {
            return;
        }
        long[] p = u.packed;
        if (p != null && shortWays) {
            long chars = s.charFlags();
            if (s.elementCount() <= (int) (p[Guide.P_HEAD] & 0xff)
                    && (chars & (Segment.HAS_INVALID | Segment.HAS_REPETITION)) == 0) {
                long present = s.presentMask();
                long required = p[Guide.P_REQUIRED];
                if ((present & required) == required && (present & p[Guide.P_NOT_USED]) == 0) {
                    shortWay(s, u, p, matched, present, chars, report);
                    return;
                }
            }
        }
        allElements(s, u, report);
    }

    /**
     * {@link #checkElements} of a segment with every required element, no element the guide does not use, none
     * past the last and no byte outside the character set: the elements that may still be wrong, in order
     * (their code, form or length), then the syntax notes, with the same findings as {@link #allElements}. Reads
     * the use's {@code packed} table ({@link Guide.SegmentUse}), and its elements only to report or for a value
     * the table cannot decide.
     */
    private void shortWay(Segment s, SegmentUse u, long[] p, boolean matched, long present, long chars,
                          GuideReport report) {
        long head = p[Guide.P_HEAD];
        int easies = (int) (head >>> 8) & 0xff;
        int notes = (int) (head >>> 16) & 0xff;
        int elements = (int) (head >>> 32);
        // an element holding the component separator, of the use's listed ones (bits 3 + position)
        long components = (chars >>> 3) & p[Guide.P_LISTED];
        // a text element of minimum length 1 is fine when the whole segment is no longer than its maximum
        long easy = 0;
        int length = s.length();
        for (int j = Guide.P_EASY, end = Guide.P_EASY + 2 * easies; j < end && p[j] < length; j += 2) {
            easy |= p[j + 1];
        }
        long todo = present & (p[matched ? Guide.P_CHECK_MATCHED : Guide.P_CHECK] | components | easy);
        while (todo != 0) {
            int i = Long.numberOfTrailingZeros(todo);
            todo &= todo - 1;
            int at = elements + 3 * i;
            long sp = p[at];
            long b = s.bounds(i);
            int from = (int) (b >>> 32);
            int to = (int) b;
            int kind = (int) (sp >>> 10) & 3;
            boolean scan = (components & (1L << i)) != 0;
            if (!scan && clean(s, sp, from, to, p[at + 1], p[at + 2], u.elements[i])) {
                continue;
            }
            if (kind == Guide.SPEC_COMPOSITE) {
                cleanComposite(s, u.elementLoop, i, u.elements[i], from, to, report);
            } else {
                value(s, u.elementLoop, i, 0, u.elements[i], from, to, scan, report);
            }
        }
        for (int j = Guide.P_EASY + 2 * easies, end = j + 2 * notes; j < end; j += 2) {
            long mask = p[j];
            long in = present & mask;
            int n = Long.bitCount(in);
            boolean first = (present & p[j + 1] & ~(7L << 60)) != 0;
            long kind = p[j + 1] >>> 60;
            boolean ok = kind == Guide.P_NOTE_P ? n == 0 || in == mask
                    : kind == Guide.P_NOTE_R ? n > 0
                    : kind == Guide.P_NOTE_C ? !first || in == mask
                    : kind == Guide.P_NOTE_L ? !first || n > 1
                    : kind != Guide.P_NOTE_E || n <= 1;
            if (!ok) {
                syntax(s, u.elementLoop, u, u.notes[(j - Guide.P_EASY - 2 * easies) / 2], report);
            }
        }
    }

    /**
     * A composite of the short way: one of up to fifteen bytes met clean before (CLM05 11:B:1, SV301 AD:D0120)
     * is clean; another is checked and, when clean, remembered.
     */
    private void cleanComposite(Segment s, String loopId, int i, Element e, int from, int to, GuideReport report) {
        int len = to - from;
        if (len > 15) {
            composite(s, loopId, i, e, false, report);
            return;
        }
        if (s.delimiters().component() != memoComponent) {
            java.util.Arrays.fill(memo, 0);
            memoComponent = s.delimiters().component();
        }
        long lo = len <= 7 ? s.keyRange(from, to) : s.eightAt(from);
        long hi = len <= 8 ? 0 : s.keyRange(from + 8, to);
        int slot = (e.composite * MEMO_WAYS + (int) (((lo ^ hi) * 0x9E3779B97F4A7C15L) >>> (64 - MEMO_BITS))) * 2;
        if (memo[slot] == lo && memo[slot + 1] == hi) {
            return;
        }
        if (composite(s, loopId, i, e, false, report)) {
            memo[slot] = lo;
            memo[slot + 1] = hi;
        }
    }

    /** {@link #checkElements} the long way: every listed element, its usage included. */
    private void allElements(Segment s, SegmentUse u, GuideReport report) {
        int count = s.elementCount();
        String loopId = u.elementLoop;
        if (count > u.lastPosition) {
            // trailing empty elements are a sender's habit, not an error; only a value past the last one is
            for (int i = u.lastPosition + 1; i <= count; i++) {
                if (s.has(i)) {
                    report.elementError(s, loopId, i, 0, "", "3", "", s.id() + " has a value in element " + i
                            + "; the guide defines " + u.lastPosition + " elements");
                    break;
                }
            }
        }
        // the characters are looked at one by one only where the segment holds something that may be wrong
        long chars = s.charFlags();
        // elements are looked at byte by byte only where the segment holds a byte outside the character set or
        // the repetition separator, or the element itself may hold the component separator
        boolean scanAll = (chars & (Segment.HAS_INVALID | Segment.HAS_REPETITION)) != 0;
        Element[] els = u.elements;
        // one long per listed element (Guide.spec): the usual element is decided without its object
        long[] spec = u.spec;
        for (int k = 0; k < spec.length; k++) {
            long sp = spec[k];
            int i = (int) sp & 0xff;
            if (i > count) {
                break;
            }
            long b = s.bounds(i);
            int from = (int) (b >>> 32);
            int to = (int) b;
            int usage = (int) (sp >>> 8) & 3;
            if (b < 0 || from == to) {
                if (usage == Guide.SPEC_REQUIRED) {
                    Element e = u.specElements[k];
                    report.elementError(s, loopId, i, 0, refFor(e), "1", "", name(s, i, 0)
                            + " is required but empty");
                }
                continue;
            }
            if (usage == Guide.SPEC_NOT_USED) {
                Element e = u.specElements[k];
                report.elementError(s, loopId, i, 0, refFor(e), "I10", "", name(s, i, 0)
                        + " is not used by this implementation guide, but has a value");
                continue;
            }
            int kind = (int) (sp >>> 10) & 3;
            boolean scan = scanAll || (chars & (1L << (3 + Math.min(i, 60)))) != 0;
            Element e = u.specElements[k];
            // a number is looked at by check() here (its form decided in one look is the short way's alone), so
            // that the long way stays the reference GuideShortWayTest holds the short way to
            if (!scan && kind != 0 && clean(s, sp, from, to, e.code0, e.code1, e)) {
                continue;
            }
            if (kind == Guide.SPEC_COMPOSITE) {
                composite(s, loopId, i, u.specElements[k], scanAll, report);
            } else {
                value(s, loopId, i, 0, u.specElements[k], from, to, scan, report);
            }
        }
        // past the last element the segment has, only the required ones need a look
        int[] required = u.requiredPositions;
        if (required.length > 0 && required[required.length - 1] > count) {
            for (int r = 0; r < required.length; r++) {
                if (required[r] > count) {
                    Element e = els[required[r]];
                    report.elementError(s, loopId, required[r], 0, refFor(e), "1", "", name(s, required[r], 0)
                            + " is required but empty");
                }
            }
        }
        Syntax[] notes = u.notes;
        for (Syntax n : notes) {
            syntax(s, loopId, u, n, report);
        }
    }

    private static String refFor(Element e) {
        return e.type == Type.COMPOSITE && e.components.length > 1 && e.components[1] != null ? e.components[1].ref
                : e.ref;
    }

    /**
     * True when an element whose bytes hold no delimiter and no byte outside the character set is decided fine by
     * its {@link Guide#spec} alone: text of an allowed length, or one of its codes (the one or two kept beside the
     * spec, {@code c0} and {@code c1}, else the element's list); false when it needs the full look.
     */
    private static boolean clean(Segment s, long sp, int from, int to, long c0, long c1, Element e) {
        int kind = (int) (sp >>> 10) & 3;
        if (kind == Guide.SPEC_LENGTH) {
            int len = to - from;
            int max = (int) (sp >>> 32);
            return len >= ((int) (sp >>> 16) & 0xffff) && (len <= max || max == 0);
        }
        if (kind == Guide.SPEC_CODES) {
            long key = s.keyRange(from, to);
            return c0 != Guide.NO_KEY ? key == c0 || key == c1 : e.hasKey(key);
        }
        int number = (int) (sp >>> 12) & 3;
        if (number != 0) {
            // an amount (SV302 69.00) or a count (LX01, SV306) of up to eight bytes, without a sign, in one look;
            // anything else (a sign, a longer number, a wrong byte) is left to check(), which says what is wrong
            int counted = s.plainNumber(from, to, number == Guide.SPEC_DECIMAL);
            int max = (int) (sp >>> 32);
            return counted > 0 && counted >= ((int) (sp >>> 16) & 0xffff) && (counted <= max || max == 0);
        }
        return false;
    }

    /** Checks a composite's components; true when it found nothing wrong. */
    private boolean composite(Segment s, String loopId, int i, Element e, boolean scan, GuideReport report) {
        int[] cb = comps;
        int n = s.componentBounds(i, cb);
        boolean clean = true;
        if (n > e.lastComponent) {
            for (int c = e.lastComponent + 1; c <= n; c++) {
                if (s.hasComponent(i, c)) {
                    report.elementError(s, loopId, i, c, refFor(e), "13", "", name(s, i, 0) + " has "
                            + "a value in component " + c + "; the guide defines " + e.lastComponent);
                    clean = false;
                    break;
                }
            }
            if (n > cb.length / 2) {
                return false;
            }
        }
        for (int c = 1; c < e.components.length; c++) {
            Element k = e.components[c];
            if (k == null) {
                continue;
            }
            int from = c <= n ? cb[2 * (c - 1)] : 0;
            int to = c <= n ? cb[2 * (c - 1) + 1] : 0;
            if (from == to) {
                if (k.usage == 'R') {
                    report.elementError(s, loopId, i, c, k.ref, "1", "", name(s, i, c) + " is required but empty");
                    clean = false;
                }
                continue;
            }
            if (k.usage == 'N') {
                report.elementError(s, loopId, i, c, k.ref, "I10", "", name(s, i, c)
                        + " is not used by this implementation guide, but has a value");
                clean = false;
                continue;
            }
            clean &= value(s, loopId, i, c, k, from, to, scan, report);
        }
        return clean;
    }

    /** One element's (or component's) value, bytes {@code from} to {@code to} of the segment; true when fine. */
    private boolean value(Segment s, String loopId, int i, int c, Element e, int from, int to, boolean scan,
                          GuideReport report) {
        // the usual value, decided here where the JIT inlines it: a code of the list, or text of a length allowed
        if (!scan) {
            if (e.codesDecide) {
                if (e.hasKey(s.keyRange(from, to))) {
                    return true;
                }
            } else if (e.lengthOnly) {
                int len = to - from;
                if (len >= e.min && (len <= e.max || e.max == 0)) {
                    return true;
                }
            }
        }
        int why = check(s, e, from, to, scan, c > 0);
        if (why != 0) {
            fail(s, loopId, i, c, e, why, report);
            return false;
        }
        return true;
    }

    // What is wrong with a value, as check() says it (0: nothing); fail() puts it in words, off the hot path.
    private static final int REPEATS = 1;
    private static final int BAD_CHARACTER = 2;
    private static final int COMPONENT_INSIDE = 3;
    private static final int NOT_WHOLE = 4;
    private static final int NOT_DECIMAL = 5;
    private static final int BAD_DATE = 6;
    private static final int BAD_TIME = 7;
    private static final int TOO_SHORT = 8;
    private static final int TOO_LONG = 9;
    private static final int NOT_A_CODE = 10;

    /** The checks of one value, bytes {@code from} to {@code to}: small, so that it inlines where it is used. */
    private static int check(Segment s, Element e, int from, int to, boolean scan, boolean component) {
        int len = to - from;
        // a component of a composite cannot hold the component separator (it ends the component): scan says
        // whether a byte outside the character set, a repetition or (for an element) component separator may be in it
        if (scan) {
            int bits = s.scanRange(from, to, component);
            if ((bits & Segment.REPETITION_SEPARATOR) != 0 && e.repeat <= 1) {
                return REPEATS;
            }
            if ((bits & Segment.INVALID) != 0) {
                return BAD_CHARACTER;
            }
            if ((bits & Segment.COMPONENT_SEPARATOR) != 0) {
                return COMPONENT_INSIDE;
            }
        }
        int counted = len;
        int form = e.form;
        if (form != 0) {
            if (form == 1) {
                int signs = s.byteAtOffset(from) == '-' ? 1 : 0;
                if (!digits(s, from + signs, to)) {
                    return NOT_WHOLE;
                }
                counted = len - signs;
            } else if (form == 2) {
                counted = decimalForm(s, from, to);
                if (counted < 0) {
                    return NOT_DECIMAL;
                }
            } else if (len <= e.max || e.max == 0) {
                if (form == 3 ? (len != 8 && len != 6) || !date(s.digitsRange(from, to), len)
                        : len < 4 || len > 8 || !time(s.digitsRange(from, to), len)) {
                    return form == 3 ? BAD_DATE : BAD_TIME;
                }
            }
        }
        if (counted < e.min) {
            return TOO_SHORT;
        }
        if (counted > e.max && e.max > 0) {
            return TOO_LONG;
        }
        if (e.codes != null && !e.allowsRange(s, from, to)) {
            return NOT_A_CODE;
        }
        return 0;
    }

    /**
     * True when every code of {@code e}'s list passes {@link #check} by itself, with its bytes scanned, written
     * with the standard delimiters: then a value that equals a code and holds no delimiter or invalid byte (what
     * {@code scan} false says) passes too, and {@link #check} stops at the code list. False when {@code e} has no
     * list of keys.
     */
    static boolean codesDecide(Element e) {
        if (e.codeKeys == null) {
            return false;
        }
        for (String code : e.codes) {
            if (code.isEmpty()) {
                return false;
            }
            Segment s = Segment.of("ZZ*" + code, io.toothcomb.reader.Delimiters.STANDARD, 0);
            long b = s.bounds(1);
            if (s.elementCount() != 1 || check(s, e, (int) (b >>> 32), (int) b, true, e.component > 0) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reports what {@link #check} found, in the 999's code and in words. */
    private static void fail(Segment s, String loopId, int i, int c, Element e, int why, GuideReport report) {
        String name = name(s, i, c);
        int counted = (s.scan(i, c) & 0xffff) - (e.form == 1 || e.form == 2 ? signsAndPoint(s.value(i, c)) : 0);
        switch (why) {
            case REPEATS -> report.elementError(s, loopId, i, c, e.ref, "12", "", name
                    + " holds the repetition separator '" + s.delimiters().repetitionChar() + "', but does not repeat");
            case BAD_CHARACTER -> report.elementError(s, loopId, i, c, e.ref, "6", "", name
                    + " holds a character outside the X12 character set (a control character or a byte above 127)");
            case COMPONENT_INSIDE -> report.elementError(s, loopId, i, c, e.ref, "6", "", name
                    + " holds the component separator '" + s.delimiters().componentChar()
                    + "', which may not appear inside a value");
            case NOT_WHOLE -> report.elementError(s, loopId, i, c, e.ref, "6", safe(s, i, c), name
                    + " must be a whole number of digits" + (e.decimals > 0 ? " (" + e.decimals + " implied decimals)"
                    : ""));
            case NOT_DECIMAL -> report.elementError(s, loopId, i, c, e.ref, "6", safe(s, i, c), name
                    + " must be a decimal number (digits, at most one '.', an optional leading '-')");
            case BAD_DATE -> report.elementError(s, loopId, i, c, e.ref, "8", "", name
                    + " is not a valid date (CCYYMMDD)");
            case BAD_TIME -> report.elementError(s, loopId, i, c, e.ref, "9", "", name
                    + " is not a valid time (HHMM, HHMMSS or HHMMSSDD)");
            case TOO_SHORT -> report.elementError(s, loopId, i, c, e.ref, "4", safeIfCode(s, i, c, e), name + " has "
                    + counted + " character" + (counted == 1 ? "" : "s") + "; the guide needs at least " + e.min);
            case TOO_LONG -> report.elementError(s, loopId, i, c, e.ref, "5", safeIfCode(s, i, c, e), name + " has "
                    + counted + " characters; the guide allows at most " + e.max);
            default -> report.elementError(s, loopId, i, c, e.ref, "7", safe(s, i, c), name + " '" + shown(s, i, c)
                    + "' is not a value the guide allows here (" + codeList(e) + ")");
        }
    }

    /** How many characters of a number do not count towards its length: a leading minus and a decimal point. */
    private static int signsAndPoint(String v) {
        return (v.startsWith("-") ? 1 : 0) + (v.indexOf('.') >= 0 ? 1 : 0);
    }

    private static boolean digits(Segment s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int k = from; k < to; k++) {
            int b = s.byteAtOffset(k);
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number of digits of an R value, or -1 when it is not one. */
    private static int decimalForm(Segment s, int from, int to) {
        int digits = 0;
        boolean point = false;
        for (int k = from; k < to; k++) {
            int b = s.byteAtOffset(k);
            if (b >= '0' && b <= '9') {
                digits++;
            } else if (b == '.' && !point) {
                point = true;
            } else if (!(b == '-' && k == from)) {
                return -1;
            }
        }
        return digits == 0 ? -1 : digits;
    }

    private static boolean date(long v, int len) {
        if (v < 0) {
            return false;
        }
        int d = (int) (v % 100);
        int m = (int) (v / 100 % 100);
        int y = (int) (v / 10000);
        if (len == 6) {
            y += 2000;
        }
        if (m < 1 || m > 12 || d < 1) {
            return false;
        }
        return d <= daysInMonth(y, m);
    }

    /** The number of days in month {@code m} (1-12) of year {@code y}, Gregorian; what X12 dates are checked by. */
    public static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** HHMM[SS[D[D]]] written in {@code len} digits. */
    private static boolean time(long v, int len) {
        if (v < 0) {
            return false;
        }
        long scale = 1;
        for (int k = 4; k < len; k++) {
            scale *= 10;
        }
        long hhmm = v / scale;
        long rest = v % scale;
        int hh = (int) (hhmm / 100);
        int mm = (int) (hhmm % 100);
        int ss = len >= 6 ? (int) (rest / (scale / 100)) : 0;
        return hh <= 23 && mm <= 59 && ss <= 59;
    }

    private static String codeList(Element e) {
        if (e.codes.length <= 12) {
            return String.join(", ", e.codes);
        }
        return String.join(", ", java.util.Arrays.copyOf(e.codes, 10)) + " and " + (e.codes.length - 10) + " more";
    }






    private void syntax(Segment s, String loopId, SegmentUse u, Syntax n, GuideReport report) {
        int[] p = n.positions();
        int present = 0;
        for (int q : p) {
            if (s.has(q)) {
                present++;
            }
        }
        switch (n.kind()) {
            case 'P' -> {
                if (present > 0 && present < p.length) {
                    int missing = firstMissing(s, p, 0);
                    report.elementError(s, loopId, missing, 0, ref(u, missing), "2", "", name(s, missing, 0)
                            + " is required when " + listNames(s, p, true) + " is present (syntax note " + n.text()
                            + ": all or none)");
                }
            }
            case 'R' -> {
                if (present == 0) {
                    report.elementError(s, loopId, p[0], 0, ref(u, p[0]), "2", "", "at least one of "
                            + listNames(s, p, false) + " is required (syntax note " + n.text() + ")");
                }
            }
            case 'C' -> {
                if (s.has(p[0])) {
                    int missing = firstMissing(s, p, 1);
                    if (missing > 0) {
                        report.elementError(s, loopId, missing, 0, ref(u, missing), "2", "", name(s, missing, 0)
                                + " is required when " + name(s, p[0], 0) + " is present (syntax note " + n.text()
                                + ")");
                    }
                }
            }
            case 'L' -> {
                if (s.has(p[0]) && present == 1) {
                    report.elementError(s, loopId, p[1], 0, ref(u, p[1]), "2", "", "one of "
                            + listNames(s, java.util.Arrays.copyOfRange(p, 1, p.length), false) + " is required when "
                            + name(s, p[0], 0) + " is present (syntax note " + n.text() + ")");
                }
            }
            case 'E' -> {
                if (present > 1) {
                    int second = 0;
                    int seen = 0;
                    for (int q : p) {
                        if (s.has(q) && ++seen == 2) {
                            second = q;
                        }
                    }
                    report.elementError(s, loopId, second, 0, ref(u, second), "10", "", "only one of "
                            + listNames(s, p, false) + " may be present (syntax note " + n.text() + ")");
                }
            }
            default -> {
            }
        }
    }

    private static String ref(SegmentUse u, int position) {
        Element e = u.element(position);
        return e == null ? "" : refFor(e);
    }

    private static int firstMissing(Segment s, int[] p, int from) {
        for (int k = from; k < p.length; k++) {
            if (!s.has(p[k])) {
                return p[k];
            }
        }
        return 0;
    }

    private static String listNames(Segment s, int[] p, boolean presentOnly) {
        StringBuilder b = new StringBuilder();
        for (int q : p) {
            if (presentOnly && !s.has(q)) {
                continue;
            }
            if (b.length() > 0) {
                b.append(presentOnly ? " and " : ", ");
            }
            b.append(name(s, q, 0));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- words

    private static String name(Segment s, int i, int c) {
        return Element.name(s.id(), i, c);
    }

    private static String describe(SegmentUse u) {
        return u.qualElement == 0 ? "" : "*" + String.join("/", u.qualValues);
    }

    private static String times(int n) {
        return n == Integer.MAX_VALUE ? "any number of times" : n == 1 ? "once" : n + " times";
    }

    /**
     * The value as it may be echoed (IK404, messages): only a short code or number of X12 basic characters, no
     * delimiter; else "". Codes and numbers carry no PHI; names, ids and dates may, and are never echoed.
     */
    private static String safe(Segment s, int i, int c) {
        int scan = s.scan(i, c);
        int len = scan & 0xffff;
        int bits = scan >>> 16;
        if (len == 0 || len > 12 || (bits & ~(Segment.DIGIT | Segment.UPPER)) != 0) {
            return "";
        }
        return s.value(i, c);
    }

    private static String safeIfCode(Segment s, int i, int c, Element e) {
        return e.type == Type.ID || e.type == Type.N || e.type == Type.R ? safe(s, i, c) : "";
    }

    /** The value for a message: the safe copy, or a description of it. */
    private static String shown(Segment s, int i, int c) {
        String v = safe(s, i, c);
        return v.isEmpty() ? "(a value of " + (s.scan(i, c) & 0xffff) + " characters)" : v;
    }

    private static String printable(String id) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < id.length() && k < 8; k++) {
            char ch = id.charAt(k);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return b.toString();
    }

    /**
     * The HL01 values of one set: numbers (what senders write: 1, 2, 3 …) as bits, anything else as Strings.
     */
    private static final class HlIds {
        private static final int MAX_BIT = 1 << 24;
        private long[] bits = new long[64];
        private int highWord = -1;
        private final java.util.Set<String> others = new java.util.HashSet<>();

        void clear() {
            if (highWord >= 0) {
                java.util.Arrays.fill(bits, 0, highWord + 1, 0);
                highWord = -1;
            }
            others.clear();
        }

        /** Adds HL01 of {@code s}; false when it was there already. */
        boolean add(Segment s) {
            int len = s.elementLength(1);
            long n = len <= 9 ? s.digits(1, 0, len) : -1;
            if (n < 0 || n >= MAX_BIT) {
                return others.add(s.element(1));
            }
            int w = (int) (n >>> 6);
            if (w >= bits.length) {
                bits = java.util.Arrays.copyOf(bits, Math.max(bits.length * 2, w + 1));
            }
            long bit = 1L << n;
            if ((bits[w] & bit) != 0) {
                return false;
            }
            bits[w] |= bit;
            highWord = Math.max(highWord, w);
            return true;
        }

        boolean contains(String id) {
            long n = -1;
            if (!id.isEmpty() && id.length() <= 9 && id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                n = Long.parseLong(id);
            }
            if (n < 0 || n >= MAX_BIT) {
                return others.contains(id);
            }
            int w = (int) (n >>> 6);
            return w < bits.length && (bits[w] & (1L << n)) != 0;
        }
    }

    // ---------------------------------------------------------------- one open loop instance

    private static final class Frame {
        Loop loop;
        Segment opener;
        int pos;
        int[] uses = new int[32];
        /** For each item, the first item of its run of same-id segment uses (they may come in any order). */
        int[] group;
        /** The loop's items and its item indices by segment id number, kept here to spare a load per segment. */
        Item[] items;
        int[][] bySid;
        /** The loop's HL segment, for an HL loop; null for others. */
        Segment hl;
        /** HL04 is 1 (children follow) / 0 (none do); an HL without HL04 says neither. */
        boolean hlChildren;
        boolean hlNoChildren;
        boolean sawChildHl;

        void reset(Loop l, Segment open) {
            loop = l;
            opener = open;
            pos = 0;
            int n = l.items.length;
            if (uses.length < n) {
                uses = new int[n];
            } else {
                java.util.Arrays.fill(uses, 0, n, 0);
            }
            group = l.group;
            items = l.items;
            bySid = l.bySid;
            hl = null;
            hlChildren = false;
            hlNoChildren = false;
            sawChildHl = false;
        }

        int groupStart(int i) {
            return group[i];
        }
    }

}
