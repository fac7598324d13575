package io.toothcomb.guide;

import io.toothcomb.reader.Segment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An X12 implementation guide (TR3) as data: its loops, the segments each loop holds in order with their usage
 * and repeat, and each element's usage, type, length and code list, read from a {@code .guide} table in
 * {@code mappings/} (the format is {@code mappings/guide-format.md}). Immutable once read; shared by every
 * validator of the guide.
 */
public final class Guide {
    /** The loop id of a transaction's heading (ST, BHT, ...) and of its trailer (SE). */
    public static final String HEADER = "HEADER";
    public static final String TRAILER = "TRAILER";

    private static final Map<String, Guide> LOADED = new ConcurrentHashMap<>();

    private final String transaction;
    private final String version;
    private final String name;
    private final String source;
    private final Loop root;
    private final Map<String, Loop> loops;
    private final List<Situation> situations;
    /** Loops by {@link Loop#index()}. */
    private final Loop[] byIndex;
    /** within[a][b]: loop a is loop b or nested in it, through any of its parents. */
    private final boolean[][] within;
    /** Every segment id the guide uses anywhere. */
    private final java.util.Set<String> segmentIds;

    private final int useCount;
    private final int compositeCount;

    private Guide(String transaction, String version, String name, String source, Loop root, Map<String, Loop> loops,
                  List<Loop> all, List<Situation> situations, int useCount, int compositeCount) {
        this.transaction = transaction;
        this.version = version;
        this.name = name;
        this.source = source;
        this.root = root;
        this.loops = loops;
        this.situations = situations;
        this.byIndex = loops.values().toArray(new Loop[0]);
        int n = byIndex.length;
        this.useCount = useCount;
        this.compositeCount = compositeCount;
        java.util.Set<String>[] parentIds = new java.util.Set[n];
        for (int i = 0; i < n; i++) {
            parentIds[i] = new java.util.HashSet<>();
        }
        for (Loop l : all) {
            for (Loop p : l.parents) {
                parentIds[l.index].add(p.id);
            }
        }
        this.within = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(i));
            while (!todo.isEmpty()) {
                int k = todo.pop();
                if (within[i][k]) {
                    continue;
                }
                within[i][k] = true;
                for (String p : parentIds[k]) {
                    todo.push(loops.get(p).index);
                }
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Loop l : all) {
            for (Item it : l.items) {
                if (it instanceof SegmentUse u) {
                    ids.add(u.id);
                }
            }
        }
        this.segmentIds = java.util.Set.copyOf(ids);
    }

    /** The 837D dental claim guide, 005010X224A2. */
    public static Guide dental837() {
        return resource("mappings/837d/x12-837d.guide");
    }

    /** The 999 implementation acknowledgment guide, 005010X231A1. */
    public static Guide ack999() {
        return resource("mappings/999/x12-999.guide");
    }

    /** The 277CA claim acknowledgment guide, 005010X214. */
    public static Guide ack277() {
        return resource("mappings/277ca/x12-277ca.guide");
    }

    /** A guide table on the class path, read once per JVM. */
    public static Guide resource(String path) {
        return LOADED.computeIfAbsent(path, p -> {
            InputStream in = Guide.class.getClassLoader().getResourceAsStream(p);
            if (in == null) {
                throw new IllegalStateException("implementation guide table " + p + " is not on the class path");
            }
            try (in) {
                return parse(in, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public String transaction() {
        return transaction;
    }

    public String version() {
        return version;
    }

    public String name() {
        return name;
    }

    /** Where the table came from (its class-path name). */
    public String source() {
        return source;
    }

    /** The transaction's top level: the heading's segments, the loops under it, the trailer's segments. */
    public Loop root() {
        return root;
    }

    /** A loop by its guide id, or null. */
    public Loop loop(String id) {
        return loops.get(id);
    }

    /** Every loop, in guide order (the pseudo-loops HEADER and TRAILER first and last). */
    public List<Loop> loops() {
        return List.copyOf(loops.values());
    }

    /** The situational rules of the guide (its {@code situation} lines), in table order. */
    public List<Situation> situations() {
        return situations;
    }

    /** The number of distinct loop ids (pseudo-loops included): {@link Loop#index()} is below it. */
    public int loopCount() {
        return byIndex.length;
    }

    /** The number of composite elements in the guide's segment uses (each has its own {@code Element}). */
    public int compositeCount() {
        return compositeCount;
    }

    /** The number of segment uses in the guide: each use's {@link SegmentUse#index()} is below it. */
    public int useCount() {
        return useCount;
    }

    /** A loop by its {@link Loop#index()}. */
    public Loop loopAt(int index) {
        return byIndex[index];
    }

    /** True when loop {@code inner} is loop {@code outer} or nested in it (through any of its parents), by index. */
    public boolean within(int inner, int outer) {
        return within[inner][outer];
    }

    /** True when the guide uses this segment id somewhere. */
    public boolean usesSegment(String id) {
        return segmentIds.contains(id);
    }

    // ---------------------------------------------------------------- the table's parts

    /** Something a loop holds in order: a segment use or a child loop. */
    public sealed interface Item permits SegmentUse, Loop {
    }

    /** A loop of the guide. {@link #items} are its segments and child loops in guide order; the first opens it. */
    public static final class Loop implements Item {
        final String id;
        final String parentId;
        final char usage;
        final int repeat;
        final String name;
        Loop parent;
        /** Every loop it may nest in (837D 2300: 2000B and 2000C). */
        final List<Loop> parents = new ArrayList<>(1);
        Item[] items = new Item[0];
        final List<Item> building = new ArrayList<>();
        /** The segment that opens the loop (its first segment). */
        SegmentUse opener;
        /** For each item, the first item of its run of same-id segment uses (they share a position). */
        int[] group;
        /** For each item, the end (exclusive) of its run. */
        int[] runEnd;
        /** Item indices by the guide's number of a segment id ({@link #sid}): its uses and child openers, ascending. */
        int[][] bySid;
        /** The guide's dense numbers of segment ids, by {@link Segment#idKey()} (shared by its loops). */
        byte[] sid;
        /** Indices of the items the loop requires (R segment uses and R child loops). */
        int[] required;
        /**
         * For a run of same-id uses whose qualifiers are all one element with short values (2300's DTP and REF):
         * at the run's first index, the qualifier's keys and, for each, the use it picks; else null.
         */
        long[][] runKeys;
        int[][] runUses;

        /** The id a 999 and the XML report: a pseudo-loop such as 999's {@code 2000-IK5} belongs to 2000. */
        final String reported;
        /** The loop id's number in guide order (a loop declared under two parents has one number). */
        int index;

        Loop(String id, String parentId, char usage, int repeat, String name) {
            this.id = id;
            this.reported = id.indexOf('-') > 0 ? id.substring(0, id.indexOf('-')) : id;
            this.parentId = parentId;
            this.usage = usage;
            this.repeat = repeat;
            this.name = name;
        }

        public String id() {
            return id;
        }

        /** The loop id's number in guide order, from 0 to {@link Guide#loopCount()} - 1. */
        public int index() {
            return index;
        }

        /** The first loop it nests in (null for the heading). */
        /** The loop id as reported: the id, or for a pseudo-loop ({@code 2000-IK5}) the loop it continues. */
        public String reportedId() {
            return reported;
        }

        public Loop parent() {
            return parent;
        }

        /** Every loop it may nest in. */
        public List<Loop> parents() {
            return List.copyOf(parents);
        }

        public char usage() {
            return usage;
        }

        /** Most instances in one instance of its parent; {@link Integer#MAX_VALUE} for "&gt;1". */
        public int repeat() {
            return repeat;
        }

        public String name() {
            return name;
        }

        public List<Item> items() {
            return List.of(items);
        }

        public SegmentUse opener() {
            return opener;
        }

        /** The loop's own segment uses, in order (not those of its child loops). */
        public List<SegmentUse> segments() {
            List<SegmentUse> out = new ArrayList<>();
            for (Item it : items) {
                if (it instanceof SegmentUse u) {
                    out.add(u);
                }
            }
            return out;
        }

        /** The loop's child loops, in order. */
        public List<Loop> children() {
            List<Loop> out = new ArrayList<>();
            for (Item it : items) {
                if (it instanceof Loop l) {
                    out.add(l);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "loop " + id;
        }
    }

    /** One use of a segment in a loop, told apart from other uses of the same id by its qualifier. */
    public static final class SegmentUse implements Item {
        final String id;
        final char usage;
        final int maxUse;
        final String name;
        final Loop loop;
        /** The qualifier element and component (0 when none), and its values; no qualifier: element 0. */
        int qualElement;
        int qualComponent;
        String[] qualValues = new String[0];
        long[] qualKeys = new long[0];
        /** Elements by position, 1-based (index 0 unused); null where the table lists none. */
        Element[] elements = new Element[1];
        final List<String> syntax = new ArrayList<>();
        Syntax[] notes = new Syntax[0];
        /** The highest position the table lists. */
        int lastPosition;
        /** The positions the table lists, ascending, and those of them the guide requires. */
        int[] listed = new int[0];
        int[] requiredPositions = new int[0];
        /**
         * The checks of the listed positions, in order, one long each, so that the validator's usual element
         * needs no object of its own: the position (bits 0-7), the usage (8-9: {@link #SPEC_REQUIRED},
         * {@link #SPEC_NOT_USED}, else 0), the kind (10-11: {@link #SPEC_CODES}, {@link #SPEC_LENGTH},
         * {@link #SPEC_COMPOSITE}, else 0), for a number without a code list its form (12-13: {@link #SPEC_WHOLE}
         * or {@link #SPEC_DECIMAL}, else 0), the minimum length (16-31) and the maximum (32-63).
         */
        long[] spec = new long[0];
        /** The element of each {@link #spec} entry, for the other checks and the messages. */
        Element[] specElements = new Element[0];
        /**
         * The validator's short way ({@code GuideValidator.checkElements}) for a use whose listed positions are all
         * below 60, everything it reads in one array so that a segment's check touches few cache lines (null for
         * another use). Elements are bits ({@link Segment#presentMask}): usage is two masks, and only the elements
         * that may be wrong are looked at. The layout ({@code P_...}): a head (the last position, the numbers of
         * text maxima and syntax notes, where the elements start); the required, not used and listed elements;
         * those whose value is always looked at (codes, forms, composites, a minimum length over one) and the same
         * without the qualifier when the use's qualifier values are all codes of its list (a segment matched to
         * the use by them needs no second look); pairs of a maximum and the text elements of minimum length 0 or 1
         * with that maximum, ascending (such an element needs a look only when the whole segment is longer than
         * its maximum); pairs of a syntax note's positions and its first position's bit with its kind
         * ({@code P_NOTE_...}) in bits 60-62; and for each position {@code i}, at {@code elements + 3i}, its
         * {@link #spec} and its one or two codes ({@code Element.code0} and {@code code1}, or {@link #NO_KEY}).
         */
        long[] packed;

        /** {@link Segment#idKey()} of the id, for comparing without the text. */
        final int idKey;
        /** The use's number in the guide, 0 to {@link Guide#useCount()} - 1. */
        int index = -1;
        /** The loop its element errors are reported in (the heading's for the trailer's SE). */
        final String elementLoop;

        SegmentUse(Loop loop, String id, char usage, int maxUse, String name) {
            this.loop = loop;
            this.id = id;
            this.idKey = Segment.of(id, io.toothcomb.reader.Delimiters.STANDARD, 0).idKey();
            this.elementLoop = loop == null ? null : loop.id.equals(TRAILER) ? HEADER : loop.reported;
            this.usage = usage;
            this.maxUse = maxUse;
            this.name = name;
        }

        public String id() {
            return id;
        }

        /** The use's number in the guide, 0 to {@link Guide#useCount()} - 1. */
        public int index() {
            return index;
        }

        public char usage() {
            return usage;
        }

        public int maxUse() {
            return maxUse;
        }

        public String name() {
            return name;
        }

        public Loop loop() {
            return loop;
        }

        /** The qualifier's element position (0 when the use has none). */
        public int qualifierElement() {
            return qualElement;
        }

        public int qualifierComponent() {
            return qualComponent;
        }

        public List<String> qualifierValues() {
            return List.of(qualValues);
        }

        /** The element at a position (1-based), or null when the table does not list it. */
        public Element element(int position) {
            return position > 0 && position < elements.length ? elements[position] : null;
        }

        public int lastPosition() {
            return lastPosition;
        }

        public List<Syntax> syntaxNotes() {
            return List.of(notes);
        }

        /** True when the segment's qualifier (if the use has one) holds one of the use's values. */
        public boolean qualifies(Segment s) {
            if (qualElement == 0) {
                return true;
            }
            long k = s.key(qualElement, qualComponent);
            if (k != -1) {
                for (long q : qualKeys) {
                    if (q == k) {
                        return true;
                    }
                }
                return false;
            }
            for (String v : qualValues) {
                if (s.valueIs(qualElement, qualComponent, v)) {
                    return true;
                }
            }
            return false;
        }

        /** {@link #qualifies} for a qualifier already made into a key (not -1) by {@link Segment#key}. */
        boolean hasQualifierKey(long k) {
            for (long q : qualKeys) {
                if (q == k) {
                    return true;
                }
            }
            return false;
        }

        /** Name of the qualifier element as in the XML convention ({@code NM101}, {@code HI01-01}). */
        public String qualifierName() {
            return qualElement == 0 ? "" : Element.name(id, qualElement, qualComponent);
        }

        @Override
        public String toString() {
            return id + (qualElement == 0 ? "" : "[" + qualifierName() + "=" + String.join(",", qualValues) + "]")
                    + " in " + loop.id;
        }
    }

    static final int SPEC_REQUIRED = 1;
    static final int SPEC_NOT_USED = 2;
    /** The value is decided by its code list ({@link Element#codesDecide}). */
    static final int SPEC_CODES = 1;
    /** Only the length is checked once the characters are known clean ({@link Element#lengthOnly}). */
    static final int SPEC_LENGTH = 2;
    static final int SPEC_COMPOSITE = 3;
    /** A number's form in a spec (bits 12-13): N (digits, implied decimals) or R (digits and a point). */
    static final int SPEC_WHOLE = 1;
    static final int SPEC_DECIMAL = 2;
    /** No value's key ({@link Segment#key} is -1 or at least 0): no code kept beside a spec. */
    static final long NO_KEY = -2;

    static final int P_HEAD = 0;
    static final int P_REQUIRED = 1;
    static final int P_NOT_USED = 2;
    static final int P_LISTED = 3;
    static final int P_CHECK = 4;
    static final int P_CHECK_MATCHED = 5;
    static final int P_EASY = 6;
    static final long P_NOTE_P = 1;
    static final long P_NOTE_R = 2;
    static final long P_NOTE_C = 3;
    static final long P_NOTE_L = 4;
    static final long P_NOTE_E = 5;

    /** Works out a use's {@link SegmentUse#packed} table from its spec and syntax notes. */
    private static void shortWay(SegmentUse u) {
        boolean fast = u.lastPosition < 60;
        for (Syntax n : u.notes) {
            for (int p : n.positions()) {
                fast &= p > 0 && p < 60;
            }
        }
        if (!fast) {
            return;
        }
        long requiredMask = 0;
        long notUsedMask = 0;
        long listedMask = 0;
        long checkMask = 0;
        java.util.TreeMap<Integer, long[]> easy = new java.util.TreeMap<>();
        for (int k = 0; k < u.spec.length; k++) {
            long sp = u.spec[k];
            int i = (int) sp & 0xff;
            long bit = 1L << i;
            int usage = (int) (sp >>> 8) & 3;
            int kind = (int) (sp >>> 10) & 3;
            int min = (int) (sp >>> 16) & 0xffff;
            int max = (int) (sp >>> 32);
            listedMask |= bit;
            if (usage == SPEC_REQUIRED) {
                requiredMask |= bit;
            } else if (usage == SPEC_NOT_USED) {
                notUsedMask |= bit;
            }
            if (kind == SPEC_LENGTH && min <= 1) {
                if (max > 0) {
                    easy.computeIfAbsent(max, m -> new long[1])[0] |= bit;
                }
            } else if (usage != SPEC_NOT_USED) {
                checkMask |= bit;
            }
        }
        long checkMatched = checkMask;
        Element q = u.qualElement > 0 && u.qualComponent == 0 ? u.element(u.qualElement) : null;
        if (q != null && q.codesDecide && q.type != Type.COMPOSITE && u.qualKeys.length > 0) {
            boolean all = true;
            for (long k : u.qualKeys) {
                all &= q.hasKey(k);
            }
            if (all) {
                checkMatched &= ~(1L << u.qualElement);
            }
        }
        int notes = u.notes.length;
        int elements = P_EASY + 2 * easy.size() + 2 * notes;
        long[] p = new long[elements + 3 * (u.lastPosition + 1)];
        p[P_HEAD] = u.lastPosition | (long) easy.size() << 8 | (long) notes << 16 | (long) elements << 32;
        p[P_REQUIRED] = requiredMask;
        p[P_NOT_USED] = notUsedMask;
        p[P_LISTED] = listedMask;
        p[P_CHECK] = checkMask;
        p[P_CHECK_MATCHED] = checkMatched;
        int at = P_EASY;
        for (Map.Entry<Integer, long[]> e : easy.entrySet()) {
            p[at++] = e.getKey();
            p[at++] = e.getValue()[0];
        }
        for (Syntax n : u.notes) {
            long mask = 0;
            for (int pos : n.positions()) {
                mask |= 1L << pos;
            }
            long kind = switch (n.kind()) {
                case 'P' -> P_NOTE_P;
                case 'R' -> P_NOTE_R;
                case 'C' -> P_NOTE_C;
                case 'L' -> P_NOTE_L;
                case 'E' -> P_NOTE_E;
                default -> 0;
            };
            p[at++] = mask;
            p[at++] = (n.positions().length == 0 ? 0 : 1L << n.positions()[0]) | kind << 60;
        }
        java.util.Arrays.fill(p, elements, p.length, NO_KEY);
        for (int k = 0; k < u.spec.length; k++) {
            int i = (int) u.spec[k] & 0xff;
            p[elements + 3 * i] = u.spec[k];
            p[elements + 3 * i + 1] = u.specElements[k].code0;
            p[elements + 3 * i + 2] = u.specElements[k].code1;
        }
        u.packed = p;
    }

    /** One {@link SegmentUse#spec} entry. */
    static long spec(int position, Element e) {
        if (position > 255 || e.min > 0xffff || e.min < 0 || e.max < 0) {
            throw new IllegalArgumentException("element " + position + " does not fit the validator's table");
        }
        int usage = e.usage == 'R' ? SPEC_REQUIRED : e.usage == 'N' ? SPEC_NOT_USED : 0;
        int kind = e.type == Type.COMPOSITE ? SPEC_COMPOSITE : e.codesDecide ? SPEC_CODES
                : e.lengthOnly ? SPEC_LENGTH : 0;
        int number = kind != 0 || e.codes != null ? 0 : e.form == 1 ? SPEC_WHOLE : e.form == 2 ? SPEC_DECIMAL : 0;
        return position | (long) usage << 8 | (long) kind << 10 | (long) number << 12 | (long) e.min << 16
                | (long) e.max << 32;
    }

    /** Data element types of X12. */
    public enum Type { AN, ID, N, R, DT, TM, B, COMPOSITE }

    /** One element (or component of a composite) of a segment use. */
    public static final class Element {
        final int position;
        final int component;
        final char usage;
        final Type type;
        final int decimals;
        final int min;
        final int max;
        final String ref;
        /** The allowed values, or null when any value (of the right form) is allowed. */
        final String[] codes;
        /** The codes' keys, sorted, when every code has at most seven characters; else null. */
        final long[] codeKeys;
        /**
         * True when every code passes the element's other checks (length, form, characters), so that a value
         * equal to a code, with no delimiter or invalid byte in it, needs no further look; set by the guide's
         * build ({@link GuideValidator#codesDecide}).
         */
        boolean codesDecide;
        /** With one or two codes (and {@link #codesDecide}): their keys, the one code twice; else {@link #NO_KEY}. */
        long code0 = NO_KEY;
        long code1 = NO_KEY;
        /** For more than eight codes: their keys by hash ({@link #hasKey}), and the shift that makes a slot. */
        final long[] codeTable;
        final int codeShift;
        /** True when nothing but the length is checked once the characters are known clean: no list, no form. */
        final boolean lengthOnly;
        final int repeat;
        /** {@link #type} as a small number for the validator's switch: 1 N, 2 R, 3 DT, 4 TM, 0 any other. */
        final int form;
        /** Components, 1-based, for a composite. */
        Element[] components = new Element[1];
        /** For a composite: its number among the guide's composites, 0 to {@link Guide#compositeCount()} - 1. */
        int composite = -1;
        int lastComponent;

        Element(int position, int component, char usage, Type type, int decimals, int min, int max, String ref,
                String[] codes, int repeat) {
            this.position = position;
            this.component = component;
            this.usage = usage;
            this.type = type;
            this.decimals = decimals;
            this.min = min;
            this.max = max;
            this.ref = ref;
            this.codes = codes;
            this.repeat = repeat;
            this.form = switch (type) {
                case N -> 1;
                case R -> 2;
                case DT -> 3;
                case TM -> 4;
                default -> 0;
            };
            long[] keys = null;
            if (codes != null) {
                keys = new long[codes.length];
                for (int i = 0; i < codes.length; i++) {
                    keys[i] = Segment.keyOf(codes[i]);
                    if (keys[i] == -1) {
                        keys = null;
                        break;
                    }
                }
                if (keys != null) {
                    Arrays.sort(keys);
                }
            }
            this.codeKeys = keys;
            int bits = 3;
            while (keys != null && (1 << bits) < 4 * keys.length) {
                bits++;
            }
            this.codeShift = 64 - bits;
            // an empty code would read as an empty slot: such a list keeps the binary search
            this.codeTable = keys != null && keys.length > 8 && keys[0] != 0 ? table(keys, codeShift) : null;
            this.lengthOnly = codes == null && form == 0 && type != Type.COMPOSITE;
        }

        public int position() {
            return position;
        }

        public int component() {
            return component;
        }

        public char usage() {
            return usage;
        }

        public Type type() {
            return type;
        }

        public int min() {
            return min;
        }

        public int max() {
            return max;
        }

        /** The X12 data element reference number (IK402). */
        public String ref() {
            return ref;
        }

        /** The values the guide allows, or an empty list when it names none. */
        public List<String> codes() {
            return codes == null ? List.of() : List.of(codes);
        }

        public int repeat() {
            return repeat;
        }

        public Element componentAt(int c) {
            return c > 0 && c < components.length ? components[c] : null;
        }

        public int lastComponent() {
            return lastComponent;
        }

        /** Sets {@link #codesDecide}, and with it the one or two codes kept in the element itself. */
        void decided(boolean decide) {
            codesDecide = decide;
            if (decide && codeKeys.length <= 2) {
                code0 = codeKeys[0];
                code1 = codeKeys[codeKeys.length - 1];
            }
        }

        /** True when the bytes from offset {@code from} to {@code to} of {@code s} are one of the codes. */
        boolean allowsRange(Segment s, int from, int to) {
            if (codeKeys != null) {
                return hasKey(s.keyRange(from, to));
            }
            for (String c : codes) {
                if (s.rangeIs(from, to, c)) {
                    return true;
                }
            }
            return false;
        }

        /** True when {@code k} ({@link Segment#key}) is one of the codes' keys; only when {@link #codeKeys} is set. */
        boolean hasKey(long k) {
            if (code0 != NO_KEY) {
                return k == code0 || k == code1;
            }
            long[] keys = codeKeys;
            if (keys.length <= 8) {
                for (long c : keys) {
                    if (c == k) {
                        return true;
                    }
                }
                return false;
            }
            // a longer list (place of service, states): an open-addressing table, one probe for most values,
            // where a binary search would take a mispredicted branch at each step
            long[] table = codeTable;
            if (table == null) {
                return k != -1 && Arrays.binarySearch(keys, k) >= 0;
            }
            int mask = table.length - 1;
            for (int slot = slot(k, codeShift); ; slot = (slot + 1) & mask) {
                long c = table[slot];
                if (c == k) {
                    return true;
                }
                if (c == 0) {
                    return false;
                }
            }
        }

        private static int slot(long k, int shift) {
            return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
        }

        /** The codes' keys in a table of at least four times their number (0: empty), for {@link #hasKey}. */
        private static long[] table(long[] keys, int shift) {
            long[] t = new long[1 << (64 - shift)];
            for (long k : keys) {
                int slot = slot(k, shift);
                while (t[slot] != 0) {
                    slot = (slot + 1) & (t.length - 1);
                }
                t[slot] = k;
            }
            return t;
        }

        /** The XML-convention name: {@code CLM01}, {@code CLM05-03}. */
        public static String name(String segment, int position, int component) {
            StringBuilder b = new StringBuilder(segment.length() + 5).append(segment);
            if (position < 10) {
                b.append('0');
            }
            b.append(position);
            if (component > 0) {
                b.append('-');
                if (component < 10) {
                    b.append('0');
                }
                b.append(component);
            }
            return b.toString();
        }
    }

    /** An X12 syntax note: P paired, R required, C conditional, L list conditional, E exclusion. */
    public record Syntax(char kind, int[] positions, String text) {
    }

    /**
     * A situational rule of the guide that the data can decide (WEDI SNIP type 4): checked per claim and reported
     * in the 277CA, not in the 999 (see {@link SituationChecker}).
     *
     * @param loop the loop of the segment the rule is about
     * @param segment the segment id
     * @param qualifier its qualifier as written ({@code DTP01=472}), or ""
     * @param usage R (required) or N (not used) when the condition holds
     * @param condition the condition as written in the table
     * @param note what the rule says, in words
     * @param when the condition, read
     * @param status the 277CA claim status to reject with, {@code CATEGORY:CODE[:ENTITY]} ({@code A6:187}), or ""
     */
    public record Situation(String loop, String segment, String qualifier, char usage, String condition, String note,
                            Condition when, String status) {

        /** The segment as people write it: {@code DTP*472}, {@code DTP*441/139}, {@code N3}. */
        public String target() {
            return qualifier.isEmpty() ? segment : segment + "*" + qualifier.substring(qualifier.indexOf('=') + 1)
                    .replace(',', '/');
        }

        /** STC01-1 of the status (A6, A7, A8); without a status of its own, A6 for R and A8 for N. */
        public String category() {
            int c = status.indexOf(':');
            return c < 0 ? (usage == 'R' ? "A6" : "A8") : status.substring(0, c);
        }

        /**
         * The status after its category: the code and, where the code needs one, the entity ({@code 158:IL});
         * without a status of its own, 0 (code list 508: cannot provide further status electronically).
         */
        public String statusCode() {
            int c = status.indexOf(':');
            return c < 0 ? "0" : status.substring(c + 1);
        }
    }

    /** What a situation's condition tests. */
    public enum ConditionKind {
        /** {@code LOOP.ELEM=V1,V2}: the element holds one of the values. */
        EQUALS,
        /** {@code LOOP.ELEM!=V1,V2}: the element holds none of the values (or is empty). */
        NOT_EQUALS,
        /** {@code present LOOP.SEG[QUAL]}. */
        PRESENT,
        /** {@code absent LOOP.SEG[QUAL]}. */
        ABSENT,
        /** {@code count>1 LOOP.ELEM!=V}: the rule's own segment occurs more than once and the element is not V. */
        COUNT_OVER_ONE
    }

    /**
     * A situation's condition, read.
     *
     * @param loop the loop it looks at
     * @param segment the segment id it looks at
     * @param element the element position (0 for present/absent)
     * @param component the component position (0 for none)
     * @param qualifier for present/absent, the segment's qualifier as written ({@code DTP01=472}), or ""
     * @param values the values compared with (none for present/absent)
     */
    public record Condition(ConditionKind kind, String loop, String segment, int element, int component,
                            String qualifier, List<String> values) {

        /** The element's name ({@code SBR02}, {@code CLM05-03}), or "" for present/absent. */
        public String elementName() {
            return element == 0 ? "" : Element.name(segment, element, component);
        }

        /** The segment as people write it ({@code DTP*472}), for present/absent. */
        public String target() {
            return qualifier.isEmpty() ? segment : segment + "*" + qualifier.substring(qualifier.indexOf('=') + 1)
                    .replace(',', '/');
        }
    }

    // ---------------------------------------------------------------- reading a table

    /** Reads a table; a malformed line is an {@link IllegalArgumentException} naming the source and line. */
    public static Guide parse(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String transaction = null;
        String version = null;
        String name = "";
        Map<String, Loop> loops = new LinkedHashMap<>();
        Map<String, Loop> latest = new java.util.HashMap<>();
        List<Loop> all = new ArrayList<>();
        List<Situation> situations = new ArrayList<>();
        List<Integer> situationLines = new ArrayList<>();
        Loop loop = null;
        SegmentUse seg = null;
        Element composite = null;
        String raw;
        int n = 0;
        while ((raw = r.readLine()) != null) {
            n++;
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String title = "";
            int colon = line.indexOf(" : ");
            if (colon >= 0) {
                title = line.substring(colon + 3).trim();
                line = line.substring(0, colon);
            }
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                switch (f[0]) {
                    case "guide" -> {
                        need(f, 3);
                        transaction = f[1];
                        version = f[2];
                        name = title;
                    }
                    case "loop" -> {
                        need(f, 5);
                        List<Loop> parents = new ArrayList<>();
                        if (!f[2].equals("-")) {
                            for (String p : f[2].split(",")) {
                                Loop pl = latest.get(p);
                                if (pl == null) {
                                    throw new IllegalArgumentException("loop " + f[1] + " names parent " + p
                                            + ", which is not declared before it");
                                }
                                parents.add(pl);
                            }
                        }
                        loop = new Loop(f[1], parents.isEmpty() ? null : f[2], usage(f[3], "RS"), count(f[4]), title);
                        loop.parents.addAll(parents);
                        loops.putIfAbsent(loop.id, loop);
                        latest.put(loop.id, loop);
                        all.add(loop);
                        seg = null;
                        composite = null;
                    }
                    case "seg" -> {
                        need(f, 4);
                        if (loop == null) {
                            throw new IllegalArgumentException("seg before any loop");
                        }
                        seg = new SegmentUse(loop, f[1], usage(f[2], "RSN"), count(f[3]), title);
                        if (f.length > 4) {
                            qualifier(seg, String.join("", Arrays.copyOfRange(f, 4, f.length)));
                        }
                        loop.building.add(seg);
                        composite = null;
                    }
                    case "el" -> {
                        if (seg == null) {
                            throw new IllegalArgumentException("el before any seg");
                        }
                        composite = element(seg, composite, f);
                    }
                    case "syntax" -> {
                        if (seg == null) {
                            throw new IllegalArgumentException("syntax before any seg");
                        }
                        for (int i = 1; i < f.length; i++) {
                            seg.syntax.add(f[i]);
                        }
                    }
                    case "situation" -> {
                        situations.add(situation(line, title));
                        situationLines.add(n);
                    }
                    default -> throw new IllegalArgumentException("unknown statement '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + " line " + n + ": " + e.getMessage(), e);
            }
        }
        if (transaction == null) {
            throw new IllegalArgumentException(source + ": no 'guide' statement");
        }
        for (int i = 0; i < situations.size(); i++) {
            checkSituation(situations.get(i), loops, all, source + " line " + situationLines.get(i));
        }
        return link(transaction, version, name, source, loops, all, situations);
    }

    private static Guide link(String transaction, String version, String name, String source, Map<String, Loop> loops,
                              List<Loop> all, List<Situation> situations) {
        Loop header = loops.get(HEADER);
        if (header == null) {
            throw new IllegalArgumentException(source + ": no HEADER loop");
        }
        Loop trailer = loops.get(TRAILER);
        int index = 0;
        for (Loop l : loops.values()) {
            l.index = index++;
        }
        for (Loop l : all) {
            l.index = loops.get(l.id).index;
        }
        // children go after their parent's own segments, in declaration order
        for (Loop l : all) {
            for (Loop p : l.parents) {
                if (l.parent == null) {
                    l.parent = p;
                }
                // a loop under two parents, one nested in the other (837D 2300 under 2000B and 2000C), stands in
                // the outer one before the inner: a subscriber's own claims come before its patients' levels
                int at = p.building.size();
                for (int i = 0; i < p.building.size(); i++) {
                    if (p.building.get(i) instanceof Loop c && l.parents.contains(c)) {
                        at = i;
                        break;
                    }
                }
                p.building.add(at, l);
            }
        }
        for (Loop l : all) {
            List<Item> items = new ArrayList<>(l.building);
            if (l == header && trailer != null) {
                items.addAll(trailer.building);
            }
            l.items = items.toArray(new Item[0]);
            for (Item it : l.items) {
                if (it instanceof SegmentUse u) {
                    l.opener = u;
                    break;
                }
            }
            if (l.opener == null && l != trailer) {
                throw new IllegalArgumentException(source + ": loop " + l.id + " has no segment");
            }
            if (l.building.isEmpty() || !(l.building.get(0) instanceof SegmentUse) && l != header) {
                throw new IllegalArgumentException(source + ": loop " + l.id + " does not start with a segment");
            }
        }
        Map<Loop, Map<Integer, List<Integer>>> byKey = new java.util.HashMap<>();
        for (Loop l : all) {
            byKey.put(l, index(l));
        }
        // the guide's segment ids numbered densely, so that each loop's look-up table by id is small and stays in
        // the cache: sid[idKey] is an id's number plus one (0: not in this guide)
        byte[] sid = new byte[Segment.ID_KEYS];
        int ids = 0;
        for (Loop l : all) {
            for (int key : byKey.get(l).keySet()) {
                if (sid[key] == 0) {
                    sid[key] = (byte) ++ids;
                }
            }
        }
        for (Loop l : all) {
            l.bySid = new int[ids + 1][];
            l.sid = sid;
            byKey.get(l).forEach((k, v) -> l.bySid[sid[k]] = v.stream().mapToInt(Integer::intValue).toArray());
        }

        int uses = 0;
        int composites = 0;
        for (Loop l : all) {
            for (Item it : l.items) {
                if (it instanceof SegmentUse u) {
                    if (u.index < 0) {
                        u.index = uses++; // the header also holds the trailer's uses
                    }
                    for (Element e : u.elements) {
                        if (e != null && e.type == Type.COMPOSITE && e.composite < 0) {
                            e.composite = composites++;
                        }
                    }
                    u.notes = u.syntax.stream().map(t -> syntax(u, t)).toArray(Syntax[]::new);
                    u.listed = java.util.stream.IntStream.range(1, u.elements.length)
                            .filter(i -> u.elements[i] != null).toArray();
                    u.requiredPositions = java.util.stream.IntStream.range(1, u.elements.length)
                            .filter(i -> u.elements[i] != null && u.elements[i].usage == 'R').toArray();
                    for (Element e : u.elements) {
                        if (e == null) {
                            continue;
                        }
                        e.decided(GuideValidator.codesDecide(e));
                        for (Element k : e.components) {
                            if (k != null) {
                                k.decided(GuideValidator.codesDecide(k));
                            }
                        }
                    }
                    u.spec = new long[u.listed.length];
                    u.specElements = new Element[u.listed.length];
                    for (int k = 0; k < u.listed.length; k++) {
                        Element e = u.elements[u.listed[k]];
                        u.specElements[k] = e;
                        u.spec[k] = spec(u.listed[k], e);
                    }
                    shortWay(u);
                }
            }
        }
        return new Guide(transaction, version, name, source, header, loops, all, List.copyOf(situations), uses,
                composites);
    }

    /**
     * The look-up tables a validator uses on every segment, made once per loop; returns the loop's item indices by
     * segment id key, which the guide then numbers densely ({@link Loop#bySid}).
     */
    private static Map<Integer, List<Integer>> index(Loop l) {
        Item[] items = l.items;
        int n = items.length;
        l.group = new int[n];
        l.runEnd = new int[n];
        for (int i = 0; i < n; i++) {
            l.group[i] = i;
            if (i > 0 && items[i] instanceof SegmentUse u && items[i - 1] instanceof SegmentUse p && u.id.equals(p.id)) {
                l.group[i] = l.group[i - 1];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            l.runEnd[i] = i + 1 < n && l.group[i + 1] == l.group[i] ? l.runEnd[i + 1] : i + 1;
        }
        java.util.Map<Integer, List<Integer>> byKey = new java.util.HashMap<>();
        List<Integer> required = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SegmentUse u = items[i] instanceof SegmentUse su ? su : ((Loop) items[i]).opener;
            if (u != null && u.idKey >= 0) {
                byKey.computeIfAbsent(u.idKey, k -> new ArrayList<>()).add(i);
            }
            if (items[i] instanceof SegmentUse su ? su.usage == 'R' : ((Loop) items[i]).usage == 'R') {
                required.add(i);
            }
        }
        l.runKeys = new long[n][];
        l.runUses = new int[n][];
        for (int i = 0; i < n; i = l.runEnd[i]) {
            if (!(items[i] instanceof SegmentUse first) || first.qualElement == 0) {
                continue;
            }
            List<long[]> pairs = new ArrayList<>();
            boolean ok = true;
            for (int k = i; k < l.runEnd[i] && ok; k++) {
                SegmentUse u = (SegmentUse) items[k];
                if (u.qualElement == 0) {
                    continue; // the unqualified use is the fallback, found without a key
                }
                ok = u.qualElement == first.qualElement && u.qualComponent == first.qualComponent
                        && u.qualKeys.length == u.qualValues.length;
                for (long q : u.qualKeys) {
                    pairs.add(new long[] {q, k});
                }
            }
            if (ok) {
                l.runKeys[i] = pairs.stream().mapToLong(p -> p[0]).toArray();
                l.runUses[i] = pairs.stream().mapToInt(p -> (int) p[1]).toArray();
            }
        }
        l.required = required.stream().mapToInt(Integer::intValue).toArray();
        return byKey;
    }

    private static Syntax syntax(SegmentUse u, String text) {
        char kind = text.charAt(0);
        if ("PRCLE".indexOf(kind) < 0 || (text.length() - 1) % 2 != 0 || text.length() < 5) {
            throw new IllegalArgumentException(u + ": syntax note '" + text + "' is not P/R/C/L/E and positions");
        }
        int[] pos = new int[(text.length() - 1) / 2];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Integer.parseInt(text.substring(1 + 2 * i, 3 + 2 * i));
        }
        return new Syntax(kind, pos, text);
    }

    private static void qualifier(SegmentUse seg, String spec) {
        if (!spec.startsWith("[") || !spec.endsWith("]") || spec.indexOf('=') < 0) {
            throw new IllegalArgumentException("qualifier '" + spec + "' is not [ELEMENT=V1,V2]");
        }
        String body = spec.substring(1, spec.length() - 1);
        String el = body.substring(0, body.indexOf('='));
        int[] pc = position(seg.id, el);
        seg.qualElement = pc[0];
        seg.qualComponent = pc[1];
        seg.qualValues = body.substring(body.indexOf('=') + 1).split(",");
        seg.qualKeys = new long[seg.qualValues.length];
        boolean allShort = true;
        for (int i = 0; i < seg.qualValues.length; i++) {
            seg.qualKeys[i] = Segment.keyOf(seg.qualValues[i]);
            allShort &= seg.qualKeys[i] != -1;
        }
        if (!allShort) {
            seg.qualKeys = new long[0];
        }
    }

    /** {@code NM101} → {1, 0}; {@code HI01-01} → {1, 1}. */
    private static int[] position(String segId, String name) {
        if (!name.startsWith(segId)) {
            throw new IllegalArgumentException("element " + name + " is not of segment " + segId);
        }
        String rest = name.substring(segId.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? new int[] {Integer.parseInt(rest), 0}
                : new int[] {Integer.parseInt(rest.substring(0, dash)), Integer.parseInt(rest.substring(dash + 1))};
    }

    private static Element element(SegmentUse seg, Element composite, String[] f) {
        need(f, 7);
        String pos = f[1];
        int dash = pos.indexOf('-');
        int p = Integer.parseInt(dash < 0 ? pos : pos.substring(0, dash));
        int c = dash < 0 ? 0 : Integer.parseInt(pos.substring(dash + 1));
        char usage = usage(f[2], "RSN");
        String t = f[3];
        Type type;
        int decimals = 0;
        if (t.equals("C")) {
            type = Type.COMPOSITE;
        } else if (t.matches("N[0-9]?")) {
            type = Type.N;
            decimals = t.length() == 2 ? t.charAt(1) - '0' : 0;
        } else {
            type = Type.valueOf(t);
        }
        int min = f[4].equals("-") ? 0 : Integer.parseInt(f[4]);
        int max = f[5].equals("-") ? 0 : Integer.parseInt(f[5]);
        String ref = f[6];
        String[] codes = null;
        int repeat = 1;
        for (int i = 7; i < f.length; i++) {
            if (f[i].startsWith("rep=")) {
                repeat = count(f[i].substring(4));
            } else if (f[i].equals("*")) {
                codes = null;
            } else {
                codes = f[i].split(",");
            }
        }
        if (codes != null && type != Type.ID && type != Type.AN) {
            throw new IllegalArgumentException(pos + ": codes on a " + t + " element");
        }
        Element e = new Element(p, c, usage, type, decimals, min, max, ref, codes, repeat);
        if (c == 0) {
            if (p >= seg.elements.length) {
                seg.elements = Arrays.copyOf(seg.elements, p + 1);
            }
            if (seg.elements[p] != null) {
                throw new IllegalArgumentException("element " + pos + " is listed twice");
            }
            seg.elements[p] = e;
            seg.lastPosition = Math.max(seg.lastPosition, p);
            return type == Type.COMPOSITE ? e : null;
        }
        if (composite == null || composite.position != p) {
            throw new IllegalArgumentException("component " + pos + " does not follow its composite " + p);
        }
        if (c >= composite.components.length) {
            composite.components = Arrays.copyOf(composite.components, c + 1);
        }
        composite.components[c] = e;
        composite.lastComponent = Math.max(composite.lastComponent, c);
        return composite;
    }

    private static final java.util.regex.Pattern ELEMENT_REF =
            java.util.regex.Pattern.compile("([A-Z0-9]+)\\.([A-Z][A-Z0-9]{1,2})(\\d{2})(?:-(\\d{2}))?");
    private static final java.util.regex.Pattern SEGMENT_REF =
            java.util.regex.Pattern.compile("([A-Z0-9]+)\\.([A-Z][A-Z0-9]{1,2})(?:\\[([A-Z0-9]+(?:-\\d{2})?=[A-Z0-9,]+)])?");
    private static final java.util.regex.Pattern STATUS =
            java.util.regex.Pattern.compile("[A-Z][0-9]:[0-9]{1,4}(:[A-Z0-9]{2,3})?");

    /** {@code situation LOOP SEGID[QUALIFIER] R|N when CONDITION [status CAT:CODE]} (the note is cut off already). */
    private static Situation situation(String line, String note) {
        String[] f = line.split("\\s+", 5);
        need(f, 5);
        String seg = f[2];
        String qual = "";
        int b = seg.indexOf('[');
        if (b >= 0) {
            if (!seg.endsWith("]") || seg.indexOf('=') < b) {
                throw new IllegalArgumentException("situation segment '" + seg + "' is not SEGID[ELEMENT=V1,V2]");
            }
            qual = seg.substring(b + 1, seg.length() - 1);
            seg = seg.substring(0, b);
            position(seg, qual.substring(0, qual.indexOf('=')));
        }
        String cond = f[4];
        if (!cond.startsWith("when ")) {
            throw new IllegalArgumentException("situation needs 'when CONDITION'");
        }
        cond = cond.substring(5).trim();
        String status = "";
        String[] words = cond.split("\\s+");
        if (words.length >= 2 && words[words.length - 2].equals("status")) {
            status = words[words.length - 1];
            if (!STATUS.matcher(status).matches()) {
                throw new IllegalArgumentException("status '" + status + "' is not CATEGORY:CODE[:ENTITY] (A6:187)");
            }
            cond = cond.substring(0, cond.lastIndexOf(" status ")).trim();
        } else if (cond.contains(" status")) {
            throw new IllegalArgumentException("'status' needs one CATEGORY:CODE after it, at the end");
        }
        char usage = usage(f[3], "RN");
        Condition when = condition(cond);
        if (when.kind() == ConditionKind.COUNT_OVER_ONE && usage != 'N') {
            throw new IllegalArgumentException("count>1 only makes sense with N (at most one " + seg + ")");
        }
        return new Situation(f[1], seg, qual, usage, cond, note, when, status);
    }

    private static Condition condition(String cond) {
        String[] w = cond.split("\\s+");
        if (w.length == 2 && (w[0].equals("present") || w[0].equals("absent"))) {
            java.util.regex.Matcher m = SEGMENT_REF.matcher(w[1]);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + w[1] + "' is not LOOP.SEG or LOOP.SEG[ELEMENT=V1,V2]");
            }
            String q = m.group(3) == null ? "" : m.group(3);
            if (!q.isEmpty()) {
                position(m.group(2), q.substring(0, q.indexOf('=')));
            }
            return new Condition(w[0].equals("present") ? ConditionKind.PRESENT : ConditionKind.ABSENT, m.group(1),
                    m.group(2), 0, 0, q, List.of());
        }
        boolean count = w.length == 2 && w[0].equals("count>1");
        if (w.length != 1 && !count) {
            throw new IllegalArgumentException("condition '" + cond + "' is not LOOP.ELEM=V, LOOP.ELEM!=V, "
                    + "present LOOP.SEG[QUAL], absent LOOP.SEG[QUAL] or count>1 LOOP.ELEM!=V");
        }
        String test = w[w.length - 1];
        boolean not = test.contains("!=");
        int eq = test.indexOf(not ? "!=" : "=");
        if (eq < 0 || (count && !not)) {
            throw new IllegalArgumentException("condition '" + cond + "' has no " + (count ? "!=" : "= or !="));
        }
        java.util.regex.Matcher m = ELEMENT_REF.matcher(test.substring(0, eq));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + test.substring(0, eq) + "' is not LOOP.ELEMENT (2300.CLM05-03)");
        }
        List<String> values = List.of(test.substring(eq + (not ? 2 : 1)).split(",", -1));
        for (String v : values) {
            if (v.isEmpty() || v.length() > 7) {
                throw new IllegalArgumentException("condition value '" + v + "' must have 1 to 7 characters");
            }
        }
        return new Condition(count ? ConditionKind.COUNT_OVER_ONE : not ? ConditionKind.NOT_EQUALS
                : ConditionKind.EQUALS, m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), "", values);
    }

    /** A situation must name loops the guide has and segments those loops hold. */
    private static void checkSituation(Situation t, Map<String, Loop> loops, List<Loop> all, String source) {
        String where = source + ": situation " + t.loop() + " " + t.segment() + " " + t.usage() + " when "
                + t.condition();
        holds(t.loop(), t.segment(), loops, all, where);
        Condition c = t.when();
        holds(c.loop(), c.segment(), loops, all, where);
    }

    private static void holds(String loopId, String segId, Map<String, Loop> loops, List<Loop> all, String where) {
        if (!loops.containsKey(loopId)) {
            throw new IllegalArgumentException(where + ": the guide has no loop " + loopId);
        }
        for (Loop l : all) {
            if (l.id.equals(loopId)) {
                for (Item it : l.building) {
                    if (it instanceof SegmentUse u && u.id.equals(segId)) {
                        return;
                    }
                }
            }
        }
        throw new IllegalArgumentException(where + ": loop " + loopId + " holds no " + segId + " segment");
    }

    private static void need(String[] f, int n) {
        if (f.length < n) {
            throw new IllegalArgumentException("'" + f[0] + "' needs " + (n - 1) + " fields, has " + (f.length - 1));
        }
    }

    private static char usage(String v, String allowed) {
        if (v.length() != 1 || allowed.indexOf(v.charAt(0)) < 0) {
            throw new IllegalArgumentException("usage '" + v + "' is not one of " + allowed);
        }
        return v.charAt(0);
    }

    private static int count(String v) {
        return v.equals(">1") ? Integer.MAX_VALUE : Integer.parseInt(v);
    }
}
