package io.toothcomb.guide;

import io.toothcomb.guide.Guide.Condition;
import io.toothcomb.guide.Guide.ConditionKind;
import io.toothcomb.guide.Guide.Loop;
import io.toothcomb.guide.Guide.Situation;
import io.toothcomb.reader.Delimiters;
import io.toothcomb.reader.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a guide's situational rules (its {@code situation} lines, WEDI SNIP type 4) on claims, as data: the
 * conditions are read from the table, no rule has code of its own. It is fed every segment of a transaction set
 * from the first HL on with the loop the {@link GuideValidator} put it in, and told where each claim ends.
 *
 * <p>A rule holds per instance of its target loop: a rule about a loop inside the claim loop (837D 2400, 2430) is
 * judged when that instance ends, one about the claim loop or a loop around it (2300, 2010BA, 2000C) when the
 * claim ends, with the claim's context as it stands then (its 2000B and 2010BA, its 2000C if it has one, so each
 * claim of a subscriber is judged on the subscriber's loops). A condition about the target's own loop or a loop
 * around it looks at that same instance (a 2400 condition at the same line); one about another loop looks at
 * every instance of it in the nearest loop that holds both (837D {@code absent 2320.SBR} for a 2430 target: the
 * claim). Such a loop must come before the target in the guide, so that it has been read when the target is
 * judged. R: the target must be present when the condition holds; N: it must be absent (with {@code count>1}: at
 * most one). Where an R and an N rule about the same segment both hold for one instance, N wins: the R rule is not
 * reported.
 *
 * <p>Facts are counters and value keys in arrays: nothing is allocated per segment; a broken rule costs its
 * {@link Violation}. Not thread-safe: one per reader.
 */
public final class SituationChecker {

    /**
     * One situational rule broken in one loop instance.
     *
     * @param rule the table's rule
     * @param segment ordinal of the segment to point at: the unwanted segment, or for a missing one the first
     *                segment of its loop (of the loop around it when the loop itself is missing)
     * @param missing true when the target is missing (R), false when it is there and should not be (N)
     * @param because the condition, in words, as it held ({@code the claim has no DTP*472}); never a value from
     *                the file other than one the table names
     */
    public record Violation(Situation rule, int segment, boolean missing, String because) {
    }

    /** Receives the broken rules. */
    public interface Sink {
        void violation(Violation v);
    }

    private static final Map<Guide, Map<String, Table>> TABLES = new ConcurrentHashMap<>();

    private final Table t;
    /** Per probe: matching segments in the current instance of its scope, and the first two of them. */
    private final int[] count;
    private final int[] first;
    private final int[] second;
    /** Per value: the key of the element in the first matching segment of the current instance; seen or not. */
    private final long[] valueKey;
    /**
     * As bits, by probe: those with at least one matching segment in the current instance of their scope, and
     * those with two or more; by value: those seen. Starting a scope again clears its bits (two operations), the
     * counts and keys behind a cleared bit are not read.
     */
    private long once;
    private long twice;
    private long seen;
    /** Per loop: the first segment of its current instance (0 when none). */
    private final int[] opener;
    /** Open instances of loops inside the claim that rules are about (837D: a 2400, a 2430 in it). */
    private final int[] open = new int[8];
    /** The table's {@code watched} and {@code sids}, kept here for the per-segment test. */
    private final boolean[] watched;
    private final boolean[] watchedUse;
    private final int sids;
    /** The loop of the last segment seen (-1 at the start of a set). */
    private int lastLoop = -1;
    private int depth;

    /**
     * @param guide the guide whose situation lines are checked
     * @param claimLoop the loop that is one claim (837D: 2300)
     */
    public SituationChecker(Guide guide, String claimLoop) {
        this.t = TABLES.computeIfAbsent(guide, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(claimLoop, c -> new Table(guide, c));
        this.count = new int[t.probes.length];
        this.first = new int[t.probes.length];
        this.second = new int[t.probes.length];
        this.valueKey = new long[t.values.length];
        this.opener = new int[guide.loopCount()];
        this.watched = t.watched;
        this.watchedUse = t.watchedUse;
        this.sids = t.sids;
    }

    /** True when the guide has any situation lines (else feeding segments does nothing useful). */
    public boolean active() {
        return t.rules.length > 0;
    }

    /** Forgets everything: a new transaction set starts. */
    public void start() {
        once = 0;
        twice = 0;
        seen = 0;
        java.util.Arrays.fill(opener, 0);
        depth = 0;
        lastLoop = -1;
    }

    /**
     * One segment of the set, in its loop; {@code opened} when it opened a new instance of that loop; {@code use}
     * the segment use the {@link GuideValidator} matched it to ({@link GuideValidator#use()}, null when none), so
     * that a rule's segment with a qualifier is known from the use without reading the segment. Rules about
     * instances this segment ends are judged first and reported to {@code sink}.
     */
    public void segment(Segment s, Loop loop, Guide.SegmentUse use, boolean opened, Sink sink) {
        int m = loop.index;
        // most segments neither open an instance, nor leave the loop of an instance a rule is about, nor are what
        // a rule looks at: decided here, small enough for the JIT to inline into the caller
        if (use != null) {
            int u = use.index;
            if (opened || (m != lastLoop && depth > 0) || watchedUse[u]) {
                look(s, m, t.exactByUse[u], t.probesByUse[u], t.valuesByUse[u], true, opened, sink);
            } else {
                lastLoop = m; // with no instance open, leaving a loop ends nothing
            }
            return;
        }
        int key = s.idKey();
        int sid = key >= 0 ? loop.sid[key] : 0;
        if (opened || m != lastLoop || watched[m * sids + sid]) {
            look(s, m, null, t.probesBy[m][sid], t.valuesBy[m][sid], sid != 0, opened, sink);
        }
    }

    /**
     * One segment in loop {@code m}: {@code exact} are probes it matches for certain, {@code ps} those that may
     * match (their qualifier is read), {@code vs} the values it may give; {@code numbered} when the segment's id
     * is one the guide numbers (else each probe's and value's id is compared as text).
     */
    private void look(Segment s, int m, int[] exact, int[] ps, int[] vs, boolean numbered, boolean opened,
                      Sink sink) {
        lastLoop = m;
        // instances this segment ends: judged on what they held
        while (depth > 0) {
            int top = open[depth - 1];
            if (t.within[m][top] && !(opened && m == top)) {
                break;
            }
            depth--;
            judge(t.instanceRules[top], sink);
        }
        if (opened) {
            once &= ~t.probeResets[m];
            twice &= ~t.probeResets[m];
            seen &= ~t.valueResets[m];
            // the loops inside it keep their openers: those from before this one are no longer current (pointAt)
            opener[m] = s.ordinal();
            if (t.instanceRules[m].length > 0 && depth < open.length) {
                open[depth++] = m;
            }
        }
        if (exact != null) {
            for (int p : exact) {
                counted(p, s);
            }
        }
        if (ps != null) {
            for (int p : ps) {
                Probe pr = t.probes[p];
                // bucket 0 holds ids the guide does not number: compared by text
                if ((numbered || pr.id.equals(s.id())) && pr.matches(s)) {
                    counted(p, s);
                }
            }
        }
        if (vs != null) {
            for (int v : vs) {
                Value va = t.values[v];
                if ((seen & 1L << v) == 0 && (numbered || va.id.equals(s.id()))) {
                    seen |= 1L << v;
                    valueKey[v] = s.key(va.element, va.component);
                }
            }
        }
    }

    private void counted(int p, Segment s) {
        long bit = 1L << p;
        if ((once & bit) == 0) {
            once |= bit;
            count[p] = 1;
            first[p] = s.ordinal();
        } else {
            if ((twice & bit) == 0) {
                twice |= bit;
                second[p] = s.ordinal();
            }
            count[p]++;
        }
    }

    /** The claim has ended: judges what is still open in it, then the rules about the claim and its context. */
    public void endClaim(Sink sink) {
        lastLoop = -1;
        while (depth > 0) {
            judge(t.instanceRules[open[--depth]], sink);
        }
        judge(t.claimRules, sink);
    }

    // ---------------------------------------------------------------- judging

    private void judge(Rule[] rules, Sink sink) {
        for (Rule r : rules) {
            // a rule is broken only by its target present (N) or absent (R): one bit, looked at before the condition
            if (((once & r.targetBit) != 0) != r.notUsed || !holds(r)) {
                continue;
            }
            if (r.notUsed) {
                int at = r.how == COUNT_OVER_ONE ? second[r.target] : first[r.target];
                sink.violation(new Violation(r.rule, at, false, because(r)));
            } else if (!overruled(r)) {
                sink.violation(new Violation(r.rule, pointAt(r.loop), true, because(r)));
            }
        }
    }

    /** An N rule about the same segment of the same instance holds: it wins over this R rule. */
    private boolean overruled(Rule r) {
        for (Rule n : r.overruledBy) {
            if (holds(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(Rule r) {
        return switch (r.how) {
            case EQUALS -> seen(r.value) && r.isOneOf(valueKey[r.value]);
            case NOT_EQUALS -> !seen(r.value) || !r.isOneOf(valueKey[r.value]);
            case PRESENT -> (once & 1L << r.probe) != 0;
            case ABSENT -> (once & 1L << r.probe) == 0;
            default -> (twice & 1L << r.target) != 0 && (!seen(r.value) || !r.isOneOf(valueKey[r.value]));
        };
    }

    // ConditionKind as Rule.how, so that holds() switches on an int (an enum's switch reads a map of its own)
    private static final int EQUALS = 0;
    private static final int NOT_EQUALS = 1;
    private static final int PRESENT = 2;
    private static final int ABSENT = 3;
    private static final int COUNT_OVER_ONE = 4;

    private static int how(ConditionKind kind) {
        return switch (kind) {
            case EQUALS -> EQUALS;
            case NOT_EQUALS -> NOT_EQUALS;
            case PRESENT -> PRESENT;
            case ABSENT -> ABSENT;
            case COUNT_OVER_ONE -> COUNT_OVER_ONE;
        };
    }

    /** Matching segments of a probe in the current instance of its scope. */
    private int count(int p) {
        return (once & 1L << p) == 0 ? 0 : count[p];
    }

    private boolean seen(int v) {
        return (seen & 1L << v) != 0;
    }

    /** The first segment of the loop's current instance, or of the nearest loop around it that has one. */
    private int pointAt(int loop) {
        for (int l = loop; l >= 0; l = t.parent[l]) {
            if (opener[l] != 0 && current(l)) {
                return opener[l];
            }
        }
        return 0;
    }

    /**
     * True when loop {@code l}'s last opener is in the current instance of each loop around it: none of them has
     * opened again since (segment ordinals grow through a set).
     */
    private boolean current(int l) {
        int at = opener[l];
        for (int a = t.parent[l]; a >= 0; a = t.parent[a]) {
            if (opener[a] > at) {
                return false;
            }
        }
        return true;
    }

    /** The condition in words, as it held; only values the table names are echoed. */
    private String because(Rule r) {
        Condition c = r.rule.when();
        int cl = t.loopIndex(c.loop());
        String where = t.describe(cl, r.loop);
        String value = r.value >= 0 && seen(r.value) && valueKey[r.value] != 0
                ? " is not " + or(c.values()) : " is empty";
        return switch (c.kind()) {
            case EQUALS -> c.elementName() + " of " + where + " is " + matched(r);
            case NOT_EQUALS -> c.elementName() + " of " + where + value;
            case PRESENT -> t.opens(cl, c) ? t.describe(t.probes[r.probe].scope, r.loop) + " has " + t.named(cl)
                    : where + " has " + c.target();
            case ABSENT -> t.opens(cl, c) ? t.describe(t.probes[r.probe].scope, r.loop) + " has no " + t.named(cl)
                    : where + " has no " + c.target();
            case COUNT_OVER_ONE -> where + " has " + count(r.target) + " " + r.rule.target() + " and "
                    + c.elementName() + value;
        };
    }

    private String matched(Rule r) {
        for (int i = 0; i < r.keys.length; i++) {
            if (r.keys[i] == valueKey[r.value]) {
                return r.rule.when().values().get(i);
            }
        }
        return or(r.rule.when().values());
    }

    private static String or(List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    // ---------------------------------------------------------------- the compiled table

    /** Segments counted in one loop: an id and, optionally, a qualifier. */
    private static final class Probe {
        final int loop;
        final String id;
        final int idKey;
        final int qualElement;
        final int qualComponent;
        final long[] qualKeys;
        /** The loop whose new instance starts the count again. */
        final int scope;

        Probe(int loop, String id, String qualifier, int scope) {
            this.loop = loop;
            this.id = id;
            this.idKey = Segment.of(id, Delimiters.STANDARD, 0).idKey();
            this.scope = scope;
            if (qualifier.isEmpty()) {
                qualElement = 0;
                qualComponent = 0;
                qualKeys = new long[0];
            } else {
                String el = qualifier.substring(0, qualifier.indexOf('='));
                String rest = el.substring(id.length());
                int dash = rest.indexOf('-');
                qualElement = Integer.parseInt(dash < 0 ? rest : rest.substring(0, dash));
                qualComponent = dash < 0 ? 0 : Integer.parseInt(rest.substring(dash + 1));
                String[] vs = qualifier.substring(qualifier.indexOf('=') + 1).split(",");
                qualKeys = new long[vs.length];
                for (int i = 0; i < vs.length; i++) {
                    qualKeys[i] = Segment.keyOf(vs[i]);
                    if (qualKeys[i] <= 0) {
                        throw new IllegalArgumentException("qualifier value '" + vs[i] + "' must have 1 to 7 characters");
                    }
                }
            }
        }

        /**
         * How a segment matched to {@code u} in loop {@code m} stands to this probe: 2 it matches for certain, 1 it
         * may (its qualifier must be read), 0 it cannot.
         */
        int relation(int m, Guide.SegmentUse u) {
            if (loop != m || !id.equals(u.id)) {
                return 0;
            }
            if (qualElement == 0) {
                return 2;
            }
            if (u.qualElement != qualElement || u.qualComponent != qualComponent || u.qualKeys.length == 0) {
                return 1;
            }
            int in = 0;
            for (long k : u.qualKeys) {
                for (long q : qualKeys) {
                    if (q == k) {
                        in++;
                        break;
                    }
                }
            }
            return in == u.qualKeys.length ? 2 : in == 0 ? 0 : 1;
        }

        boolean matches(Segment s) {
            if (qualElement == 0) {
                return true;
            }
            long k = s.key(qualElement, qualComponent);
            for (long q : qualKeys) {
                if (q == k) {
                    return true;
                }
            }
            return false;
        }

        String signature() {
            return loop + "/" + id + "/" + qualElement + "-" + qualComponent + "=" + java.util.Arrays.toString(qualKeys)
                    + "/" + scope;
        }
    }

    /** An element read from the first segment of an id in one loop. */
    private static final class Value {
        final int loop;
        final String id;
        final int idKey;
        final int element;
        final int component;
        final int scope;

        Value(int loop, String id, int element, int component, int scope) {
            this.loop = loop;
            this.id = id;
            this.idKey = Segment.of(id, Delimiters.STANDARD, 0).idKey();
            this.element = element;
            this.component = component;
            this.scope = scope;
        }

        String signature() {
            return loop + "/" + id + "/" + element + "-" + component + "/" + scope;
        }
    }

    private static final class Rule {
        final Situation rule;
        /** The target loop, by index. */
        final int loop;
        /** The probe counting the target segment in the target's instance. */
        final int target;
        /** present/absent: the probe the condition counts; -1 otherwise. */
        final int probe;
        /** The value the condition compares; -1 for present/absent. */
        final int value;
        final long[] keys;
        /** The condition's kind as {@link SituationChecker#holds} switches on it. */
        final int how;
        /** The rule says the target is not used (N), rather than required (R). */
        final boolean notUsed;
        final long targetBit;
        Rule[] overruledBy = new Rule[0];

        Rule(Situation rule, int loop, int target, int probe, int value, long[] keys) {
            this.rule = rule;
            this.how = how(rule.when().kind());
            this.notUsed = rule.usage() == 'N';
            this.targetBit = 1L << target;
            this.loop = loop;
            this.target = target;
            this.probe = probe;
            this.value = value;
            this.keys = keys;
        }

        boolean isOneOf(long key) {
            for (long k : keys) {
                if (k == key) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A guide's situation lines compiled for one claim loop; shared by every checker of that guide. */
    private static final class Table {
        final Guide guide;
        final int claimLoop;
        final boolean[][] within;
        final int[] parent;
        final Probe[] probes;
        final Value[] values;
        /**
         * Per loop, per the guide's number of a segment id ({@code Loop.sid}; 0 for ids it does not number): the
         * probes and values about that segment in that loop, or null when none (most segments).
         */
        final int[][][] probesBy;
        final int[][][] valuesBy;
        /** {@code watched[loop * sids + sid]}: some probe or value looks at that segment id in that loop. */
        final boolean[] watched;
        /**
         * By {@link Guide.SegmentUse#index()}: the probes a segment matched to that use matches for certain, those
         * it may match, and the values it may give (null where none); whether any of the three is there.
         */
        final int[][] exactByUse;
        final int[][] probesByUse;
        final int[][] valuesByUse;
        final boolean[] watchedUse;
        final int sids;
        /** Per loop: the probes and the values (as bits) that a new instance of it starts again. */
        final long[] probeResets;
        final long[] valueResets;
        final Rule[][] instanceRules;
        final Rule[] claimRules;
        final Rule[] rules;

        Table(Guide guide, String claimLoopId) {
            this.guide = guide;
            int n = guide.loopCount();
            Loop claim = guide.loop(claimLoopId);
            if (claim == null) {
                throw new IllegalArgumentException(guide.source() + " has no loop " + claimLoopId);
            }
            this.claimLoop = claim.index;
            this.within = new boolean[n][n];
            this.parent = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    within[i][j] = guide.within(i, j);
                }
                Loop p = guide.loopAt(i).parent();
                parent[i] = p == null ? -1 : p.index;
            }
            Map<String, Probe> probeMap = new LinkedHashMap<>();
            Map<String, Value> valueMap = new LinkedHashMap<>();
            List<Rule> all = new ArrayList<>();
            for (Situation s : guide.situations()) {
                int target = loopIndex(s.loop());
                Condition c = s.when();
                int cl = loopIndex(c.loop());
                // the same instance when the condition's loop is the target's or around it; else every instance
                // of it in the nearest loop around both, which must come first in the guide
                int scope = within[target][cl] ? cl : common(cl, target);
                if (!within[target][cl] && cl > target) {
                    throw new IllegalArgumentException(guide.source() + ": situation " + s.loop() + " " + s.segment()
                            + " looks at loop " + c.loop() + ", which comes after it in the guide");
                }
                int tp = index(probeMap, new Probe(target, s.segment(), s.qualifier(), target));
                int probe = -1;
                int value = -1;
                long[] keys = new long[0];
                if (c.kind() == ConditionKind.PRESENT || c.kind() == ConditionKind.ABSENT) {
                    probe = index(probeMap, new Probe(cl, c.segment(), c.qualifier(), scope));
                } else {
                    value = indexValue(valueMap, new Value(cl, c.segment(), c.element(), c.component(), scope));
                    keys = new long[c.values().size()];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = Segment.keyOf(c.values().get(i));
                    }
                }
                all.add(new Rule(s, target, tp, probe, value, keys));
            }
            this.rules = all.toArray(new Rule[0]);
            for (Rule r : rules) {
                if (r.rule.usage() != 'R') {
                    continue;
                }
                List<Rule> by = new ArrayList<>();
                for (Rule o : rules) {
                    if (o.rule.usage() == 'N' && o.loop == r.loop && o.rule.segment().equals(r.rule.segment())
                            && overlap(o.rule.qualifier(), r.rule.qualifier())) {
                        by.add(o);
                    }
                }
                r.overruledBy = by.toArray(new Rule[0]);
            }
            this.probes = probeMap.values().toArray(new Probe[0]);
            this.values = valueMap.values().toArray(new Value[0]);
            this.probesBy = new int[n][][];
            this.valuesBy = new int[n][][];
            if (probes.length > 64 || values.length > 64) {
                throw new IllegalArgumentException(guide.source() + ": the situation lines need " + probes.length
                        + " segment counts and " + values.length + " values; at most 64 of each are supported");
            }
            this.probeResets = new long[n];
            this.valueResets = new long[n];
            this.instanceRules = new Rule[n][];
            int ids = 0;
            for (int m = 0; m < n; m++) {
                for (byte b : guide.loopAt(m).sid) {
                    ids = Math.max(ids, b);
                }
            }
            this.sids = ids + 1;
            this.watched = new boolean[n * sids];
            List<Rule> claimLevel = new ArrayList<>();
            for (Rule r : rules) {
                if (!inClaim(r.loop)) {
                    claimLevel.add(r);
                }
            }
            this.claimRules = claimLevel.toArray(new Rule[0]);
            for (int m = 0; m < n; m++) {
                List<Integer> in = new ArrayList<>();
                List<Integer> resets = new ArrayList<>();
                for (int p = 0; p < probes.length; p++) {
                    if (probes[p].loop == m) {
                        in.add(p);
                    }
                    if (within[probes[p].scope][m]) {
                        resets.add(p);
                    }
                }
                probesBy[m] = bySid(guide.loopAt(m), in, p -> probes[p].idKey);
                probeResets[m] = bits(resets);
                in.clear();
                resets.clear();
                for (int v = 0; v < values.length; v++) {
                    if (values[v].loop == m) {
                        in.add(v);
                    }
                    if (within[values[v].scope][m]) {
                        resets.add(v);
                    }
                }
                valuesBy[m] = bySid(guide.loopAt(m), in, v -> values[v].idKey);
                for (int k = 0; k < sids; k++) {
                    watched[m * sids + k] = (k < probesBy[m].length && probesBy[m][k] != null)
                            || (k < valuesBy[m].length && valuesBy[m][k] != null);
                }
                valueResets[m] = bits(resets);
                List<Rule> rs = new ArrayList<>();
                for (Rule r : rules) {
                    if (r.loop == m && inClaim(m)) {
                        rs.add(r);
                    }
                }
                instanceRules[m] = rs.toArray(new Rule[0]);
            }
            int uses = guide.useCount();
            this.exactByUse = new int[uses][];
            this.probesByUse = new int[uses][];
            this.valuesByUse = new int[uses][];
            this.watchedUse = new boolean[uses];
            for (int m = 0; m < n; m++) {
                for (Guide.Item it : guide.loopAt(m).items) {
                    if (!(it instanceof Guide.SegmentUse u) || u.loop.index != m) {
                        continue; // a child loop's opener is in the child; the header also lists the trailer's SE
                    }
                    exactByUse[u.index] = byRelation(u, 2);
                    probesByUse[u.index] = byRelation(u, 1);
                    List<Integer> vs = new ArrayList<>();
                    for (int v = 0; v < values.length; v++) {
                        if (values[v].loop == m && values[v].id.equals(u.id)) {
                            vs.add(v);
                        }
                    }
                    valuesByUse[u.index] = vs.isEmpty() ? null : ints(vs);
                    watchedUse[u.index] = exactByUse[u.index] != null || probesByUse[u.index] != null
                            || valuesByUse[u.index] != null;
                }
            }
        }

        /** The probes whose {@link Probe#relation} to the use is {@code kind}, or null when none. */
        private int[] byRelation(Guide.SegmentUse u, int kind) {
            List<Integer> in = new ArrayList<>();
            for (int p = 0; p < probes.length; p++) {
                if (probes[p].relation(u.loop.index, u) == kind) {
                    in.add(p);
                }
            }
            return in.isEmpty() ? null : ints(in);
        }

        /** Strictly inside the claim loop: judged per instance, when it ends. */
        boolean inClaim(int loop) {
            return loop != claimLoop && within[loop][claimLoop];
        }

        int loopIndex(String id) {
            Loop l = guide.loop(id);
            if (l == null) {
                throw new IllegalArgumentException(guide.source() + " has no loop " + id);
            }
            return l.index;
        }

        /** The nearest loop around both (by the first-parent chain of {@code a}). */
        int common(int a, int b) {
            for (int l = a; l >= 0; l = parent[l]) {
                if (within[b][l]) {
                    return l;
                }
            }
            return 0;
        }

        /** A loop in words for a condition about it, seen from the target loop. */
        String describe(int loop, int target) {
            if (loop == claimLoop) {
                return "the claim";
            }
            Loop l = guide.loopAt(loop);
            return loop == target && !l.name().isEmpty() ? "this " + lower(l.name()) : named(loop);
        }

        /** {@code loop 2320 (other subscriber (other payer))}. */
        String named(int loop) {
            Loop l = guide.loopAt(loop);
            return "loop " + l.id() + (l.name().isEmpty() ? "" : " (" + lower(l.name()) + ")");
        }

        /** True when the condition's segment, without a qualifier, is the one that opens its loop. */
        boolean opens(int loop, Condition c) {
            Guide.SegmentUse o = guide.loopAt(loop).opener();
            return o != null && o.id().equals(c.segment()) && c.qualifier().isEmpty();
        }

        private static String lower(String name) {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }

        private static boolean overlap(String q1, String q2) {
            if (q1.isEmpty() || q2.isEmpty()) {
                return true;
            }
            int e1 = q1.indexOf('=');
            int e2 = q2.indexOf('=');
            if (!q1.substring(0, e1).equals(q2.substring(0, e2))) {
                return true; // different qualifier elements: may be the same segment
            }
            for (String v : q1.substring(e1 + 1).split(",")) {
                for (String w : q2.substring(e2 + 1).split(",")) {
                    if (v.equals(w)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static int index(Map<String, Probe> map, Probe p) {
            map.putIfAbsent(p.signature(), p);
            return new ArrayList<>(map.keySet()).indexOf(p.signature());
        }

        private static int indexValue(Map<String, Value> map, Value v) {
            map.putIfAbsent(v.signature(), v);
            return new ArrayList<>(map.keySet()).indexOf(v.signature());
        }

        /** The indices in {@code in} grouped by their segment id's number in the guide; null where none. */
        private static int[][] bySid(Loop loop, List<Integer> in, java.util.function.IntUnaryOperator idKey) {
            int ids = 0;
            for (byte b : loop.sid) {
                ids = Math.max(ids, b);
            }
            List<List<Integer>> groups = new ArrayList<>();
            for (int i = 0; i <= ids; i++) {
                groups.add(new ArrayList<>());
            }
            for (int x : in) {
                int key = idKey.applyAsInt(x);
                groups.get(key >= 0 ? loop.sid[key] : 0).add(x);
            }
            int[][] out = new int[ids + 1][];
            for (int i = 0; i <= ids; i++) {
                out[i] = groups.get(i).isEmpty() ? null : ints(groups.get(i));
            }
            return out;
        }

        private static long bits(List<Integer> l) {
            long b = 0;
            for (int i : l) {
                b |= 1L << i;
            }
            return b;
        }

        private static int[] ints(List<Integer> l) {
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** For messages: how a loop of this guide is called ({@code service line}), lower case. */
    public static String loopName(Guide guide, String loopId) {
        Loop l = guide.loop(loopId);
        if (l == null || l.name().isEmpty()) {
            return "";
        }
        return l.name().substring(0, 1).toLowerCase(Locale.ROOT) + l.name().substring(1);
    }
}
