package io.toothcomb.rules;

import java.util.regex.Pattern;

/** The kinds of value a rule parameter takes; each checks a value as written on a pack line. */
public enum ParamType {
    /** A whole number within the parameter's min and max. */
    INT("a whole number"),
    /** One CDT code, D and four digits. */
    CODE("a CDT code (D and four digits)"),
    /** Comma-separated CDT codes and code-set flags ({@code D1354,flag:endo}). */
    CODES("CDT codes or flag:NAME, comma-separated"),
    /** Like {@link #CODES}, or {@code any} for every code. */
    CODES_OR_ANY("CDT codes or flag:NAME, comma-separated, or any"),
    /** Comma-separated X12 code values: capital letters and digits ({@code RB,RR}). */
    X12_CODES("X12 code values (capitals and digits), comma-separated"),
    /** Comma-separated tooth surface letters (M, O, I, D, B, F, L). */
    SURFACES("surface letters M, O, I, D, B, F, L, comma-separated"),
    /** Comma-separated tooth designations and ranges ({@code A-T,3,14}). */
    TEETH("teeth (1-32, A-T, 51-82, AS-TS) and ranges such as A-T or 1-16, comma-separated");

    private static final Pattern CODE_PATTERN = Pattern.compile("D\\d{4}");
    private static final Pattern FLAG = Pattern.compile("flag:[a-z][a-z0-9_]*");
    private static final Pattern X12 = Pattern.compile("[A-Z0-9]{1,3}");
    private static final Pattern SURFACE = Pattern.compile("[MOIDBFL]");
    private static final Pattern TOOTH = Pattern.compile("[1-9]\\d?|[A-T]S?");
    private static final Pattern RANGE = Pattern.compile("([1-9]\\d?)-([1-9]\\d?)|([A-T])-([A-T])");

    private final String what;

    ParamType(String what) {
        this.what = what;
    }

    /** What a value of this type looks like, for messages and the rule reference. */
    public String what() {
        return what;
    }

    /** Null when {@code value} is good for {@code p}, else what is wrong with it. */
    public String problem(String value, Param p) {
        String v = value.trim();
        if (v.isEmpty()) {
            return "is empty";
        }
        switch (this) {
            case INT -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return "is not " + what;
                }
                if (n < p.min() || n > p.max()) {
                    return "is outside " + p.min() + ".." + p.max();
                }
                return null;
            }
            case CODE -> {
                return CODE_PATTERN.matcher(v).matches() ? null : "is not " + what;
            }
            default -> {
                for (String item : v.split(",", -1)) {
                    String s = item.trim();
                    if (!itemOk(s)) {
                        return "has '" + s + "', which is not " + itemWhat();
                    }
                }
                return null;
            }
        }
    }

    private boolean itemOk(String s) {
        return switch (this) {
            case CODES -> CODE_PATTERN.matcher(s).matches() || FLAG.matcher(s).matches();
            case CODES_OR_ANY -> s.equals("any") || CODE_PATTERN.matcher(s).matches() || FLAG.matcher(s).matches();
            case X12_CODES -> X12.matcher(s).matches();
            case SURFACES -> SURFACE.matcher(s).matches();
            case TEETH -> {
                java.util.regex.Matcher m = RANGE.matcher(s);
                if (m.matches()) {
                    yield m.group(1) != null ? Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2))
                            : m.group(3).charAt(0) <= m.group(4).charAt(0);
                }
                yield TOOTH.matcher(s).matches();
            }
            default -> false;
        };
    }

    private String itemWhat() {
        return switch (this) {
            case CODES -> "a CDT code or flag:NAME";
            case CODES_OR_ANY -> "a CDT code, flag:NAME or any";
            case X12_CODES -> "an X12 code value";
            case SURFACES -> "a surface letter";
            case TEETH -> "a tooth or a range of teeth";
            default -> what;
        };
    }

    /**
     * Null when {@code key=value} is a parameter {@code info} declares with a good value, else the message (without
     * file and line) saying what is wrong.
     */
    public static String check(RuleInfo info, String key, String value) {
        for (Param p : info.params()) {
            if (p.name().equals(key)) {
                String problem = p.type().problem(value, p);
                return problem == null ? null : "rule " + info.id() + ": " + key + "=" + value + " " + problem
                        + " (" + key + " takes " + p.type().what()
                        + (p.type() == INT ? ", " + p.min() + ".." + p.max() : "") + ")";
            }
        }
        StringBuilder known = new StringBuilder();
        for (Param p : info.params()) {
            known.append(known.length() == 0 ? "" : ", ").append(p.name());
        }
        return "rule " + info.id() + " has no parameter '" + key + "' ("
                + (known.length() == 0 ? "it takes none besides severity" : "it takes severity, " + known) + ")";
    }
}
