package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Small helpers the rules share: how a line and a tooth are named in messages (never PHI), and how lines on the
 * same tooth and date are paired. Not a rule (no {@code RuleInfo}).
 */
final class Lines {
    private Lines() {
    }

    /** "line 3 (tooth A)" — what a billing specialist needs to find the line; the code is named by the caller. */
    static String describe(ServiceLine line) {
        StringBuilder b = new StringBuilder("line ").append(line.number());
        List<String> teeth = designations(line);
        if (teeth.size() == 1) {
            b.append(" (tooth ").append(teeth.get(0)).append(')');
        } else if (teeth.size() > 1) {
            b.append(" (teeth ").append(String.join(", ", teeth)).append(')');
        }
        return b.toString();
    }

    /** Every TOO02 value, empty ones too, separated by ", ". */
    static String joinDesignations(List<Tooth> teeth) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < teeth.size(); k++) {
            if (k > 0) {
                b.append(", ");
            }
            b.append(teeth.get(k).designation());
        }
        return b.toString();
    }

    /** The non-empty TOO02 values of a line, in order. */
    static List<String> designations(ServiceLine line) {
        List<String> out = new ArrayList<>(line.teeth().size());
        for (Tooth t : line.teeth()) {
            if (!t.designation().isEmpty()) {
                out.add(t.designation());
            }
        }
        return out;
    }

    /** Both lines have the same date of service (two missing dates count as the same visit). */
    static boolean sameDate(ServiceLine a, ServiceLine b) {
        return Objects.equals(a.serviceDate(), b.serviceDate());
    }

    /** The tooth of {@code b} that {@code a} also names, or null. */
    static Tooth sharedTooth(ServiceLine a, ServiceLine b) {
        for (Tooth tb : b.teeth()) {
            if (tb.designation().isEmpty()) {
                continue;
            }
            for (Tooth ta : a.teeth()) {
                if (ta.designation().equals(tb.designation())) {
                    return tb;
                }
            }
        }
        return null;
    }

    /** The code-set row in force for the line's code on its date of service, or null. */
    static CodeInfo info(RuleContext ctx, ServiceLine line) {
        return ctx.info(line);
    }

    /** Every code of the context's code set some row of which passes {@code test}, as a rule's triggers. */
    static List<String> codesWhere(RuleContext ctx, Predicate<CodeInfo> test) {
        return List.copyOf(ctx.codes().codesWhere(test));
    }

    /** A CDT code as written: a capital D and four ASCII digits. */
    static boolean isCdt(String code) {
        if (code.length() != 5 || code.charAt(0) != 'D') {
            return false;
        }
        for (int i = 1; i < 5; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when the line's code is in force on its date and carries the flag. */
    static boolean hasFlag(RuleContext ctx, ServiceLine line, String flag) {
        CodeInfo i = info(ctx, line);
        return i != null && i.has(flag);
    }

    /** Matches a line whose code is listed, or whose code (in force on its date) has a listed {@code flag:NAME}. */
    static Predicate<ServiceLine> matcher(RuleContext ctx, List<String> codesOrFlags) {
        return ctx.memo(List.of("matcher", codesOrFlags), () -> build(ctx, codesOrFlags));
    }

    private static Predicate<ServiceLine> build(RuleContext ctx, List<String> codesOrFlags) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        List<String> flags = new ArrayList<>();
        for (String s : codesOrFlags) {
            if (s.startsWith("flag:")) {
                flags.add(s.substring(5).toLowerCase(Locale.ROOT));
            } else {
                codes.add(s.toUpperCase(Locale.ROOT));
            }
        }
        // a few codes are compared by their cached hash first: no hash-set node to fetch for every line
        String[] codeList = codes.toArray(String[]::new);
        int[] hashes = new int[codeList.length];
        for (int k = 0; k < codeList.length; k++) {
            hashes[k] = codeList[k].hashCode();
        }
        String[] flagList = flags.stream().map(String::intern).toArray(String[]::new);
        boolean few = codeList.length <= 8;
        return line -> {
            String code = line.code();
            if (few) {
                int h = code.hashCode();
                for (int k = 0; k < hashes.length; k++) {
                    if (hashes[k] == h && codeList[k].equals(code)) {
                        return true;
                    }
                }
            } else if (codes.contains(code)) {
                return true;
            }
            if (flagList.length == 0) {
                return false;
            }
            CodeInfo i = info(ctx, line);
            if (i == null) {
                return false;
            }
            for (String f : flagList) {
                if (i.has(f)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A pair of lines on the same tooth and date: {@code first} comes before {@code second} on the claim. */
    record Pair(ServiceLine first, ServiceLine second, Tooth tooth) {
        /** The line of the pair that {@code p} matches ({@code first} when both do). */
        ServiceLine matching(Predicate<ServiceLine> p) {
            return p.test(first) ? first : second;
        }

        /** The line of the pair that is not {@code line}. */
        ServiceLine other(ServiceLine line) {
            return line == first ? second : first;
        }
    }

    /** The two line matchers of a same-tooth pair rule, made once per rule from its parameters. */
    record Matchers(Predicate<ServiceLine> first, Predicate<ServiceLine> second) {
    }

    /**
     * Matchers for codes or flags {@code first}, and for the rule's list parameter {@code param} (by default
     * {@code second}; {@code second} itself when {@code param} is null); made on the rule's first claim.
     */
    static Matchers matchers(RuleContext ctx, Class<? extends io.toothcomb.rules.Rule> rule, List<String> first,
                             String param, List<String> second) {
        Matchers m = ctx.memoized(rule);
        if (m == null) {
            m = ctx.memo(rule, () -> new Matchers(matcher(ctx, first),
                    matcher(ctx, param == null ? second : ctx.listParam(param, second))));
        }
        return m;
    }

    /**
     * Every pair of distinct lines on the same date that share a tooth, where one line matches {@code a} and
     * the other {@code b}. Each pair is returned once, in claim order.
     */
    static List<Pair> sameToothPairs(Claim claim, Predicate<ServiceLine> a, Predicate<ServiceLine> b) {
        List<ServiceLine> lines = claim.lines();
        if (lines.size() < 2) {
            return List.of();
        }
        List<Pair> out = null;
        for (int i = 0; i < lines.size(); i++) {
            ServiceLine x = lines.get(i);
            for (int j = i + 1; j < lines.size(); j++) {
                ServiceLine y = lines.get(j);
                boolean match = (a.test(x) && b.test(y)) || (b.test(x) && a.test(y));
                if (!match || !sameDate(x, y)) {
                    continue;
                }
                Tooth t = sharedTooth(x, y);
                if (t != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(new Pair(x, y, t));
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** How a tooth is named in a message: "tooth 14" or "supernumerary tooth 64 (next to 14)". */
    static String tooth(ToothDesignation d) {
        if (d.kind() == ToothDesignation.Kind.SUPERNUMERARY_PERMANENT) {
            return "supernumerary tooth " + d.text() + " (next to " + d.permanentNumber() + ")";
        }
        if (d.kind() == ToothDesignation.Kind.SUPERNUMERARY_PRIMARY) {
            return "supernumerary tooth " + d.text() + " (next to " + d.primaryLetter() + ")";
        }
        return "tooth " + d.text();
    }

    /** "incisor", "premolar" … in plain words. */
    static String className(ToothDesignation d) {
        ToothDesignation.ToothClass c = d.toothClass();
        return c == null ? "unknown" : c.name().toLowerCase(Locale.ROOT);
    }
}
