package io.toothcomb.codes;

import io.toothcomb.codes.CodeInfo.Area;
import io.toothcomb.codes.CodeInfo.Dentition;
import io.toothcomb.codes.CodeInfo.ToothClassReq;
import io.toothcomb.codes.CodeInfo.ToothUse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CDT code set, versioned by date of service. Loaded from a tab-separated data file
 * ({@code cdt-codes.tsv}); each row is one code for one span of dates, so a code whose attributes changed, or
 * that was deleted, has rows with different {@code from}/{@code to} dates.
 */
public final class CodeSet {
    public static final String RESOURCE = "/io/toothcomb/codes/cdt-codes.tsv";
    private static volatile CodeSet bundled;

    private final Map<String, List<CodeInfo>> byCode;
    /** The rows of D0000-D9999 by number: a line's code finds its rows without hashing the (new) String. */
    private final List<?>[] byNumber = new List<?>[10000];

    private CodeSet(Map<String, List<CodeInfo>> byCode) {
        this.byCode = byCode;
        byCode.forEach((code, rows) -> {
            int n = number(code);
            if (n >= 0) {
                byNumber[n] = rows;
            }
        });
    }

    /** The number of a code written D and four ASCII digits, else -1. */
    private static int number(String code) {
        if (code == null || code.length() != 5 || code.charAt(0) != 'D') {
            return -1;
        }
        int n = 0;
        for (int i = 1; i < 5; i++) {
            int d = code.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** The rows of a code, or null when the code set does not have it. */
    @SuppressWarnings("unchecked")
    private List<CodeInfo> rows(String code) {
        int n = number(code);
        return n >= 0 ? (List<CodeInfo>) byNumber[n] : byCode.get(code);
    }

    /** The code set shipped with toothcomb. */
    public static CodeSet bundled() {
        CodeSet c = bundled;
        if (c == null) {
            synchronized (CodeSet.class) {
                c = bundled;
                if (c == null) {
                    try (InputStream in = CodeSet.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("code set " + RESOURCE + " is missing from the jar");
                        }
                        c = parse(in, "cdt-codes.tsv");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bundled = c;
                }
            }
        }
        return c;
    }

    /** Parses a code set file; a bad row fails with the file name, line and what is wrong. */
    public static CodeSet parse(InputStream in, String name) throws IOException {
        Map<String, List<CodeInfo>> map = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        String[] header = null;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (header == null) {
                header = f;
                continue;
            }
            if (f.length != header.length) {
                throw new IllegalArgumentException(name + ":" + n + ": expected " + header.length
                        + " tab-separated columns, found " + f.length);
            }
            try {
                CodeInfo info = row(f);
                map.computeIfAbsent(info.code(), k -> new ArrayList<>(1)).add(info);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(name + ":" + n + ": " + e.getMessage(), e);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException(name + ": no header row");
        }
        Map<String, List<CodeInfo>> frozen = new HashMap<>();
        map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new CodeSet(frozen);
    }

    // code from to tooth per_tooth dentition surfaces area class flags replacement label
    private static CodeInfo row(String[] f) {
        String code = f[0].trim();
        if (!code.matches("D\\d{4}")) {
            throw new IllegalArgumentException("'" + code + "' is not a CDT code (D and four digits)");
        }
        LocalDate from = LocalDate.parse(f[1].trim());
        LocalDate to = f[2].isBlank() ? null : LocalDate.parse(f[2].trim());
        ToothUse tooth = ToothUse.valueOf(upper(f[3], "tooth"));
        boolean perTooth = yesNo(f[4], "per_tooth");
        Dentition dentition = Dentition.valueOf(upper(f[5], "dentition"));
        int surfaces = switch (f[6].trim()) {
            case "", "-" -> -1;
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            case "4+" -> 4;
            default -> throw new IllegalArgumentException("surfaces '" + f[6] + "' must be -, 0, 1, 2, 3 or 4+");
        };
        Area area = Area.valueOf(upper(f[7], "area"));
        ToothClassReq cls = ToothClassReq.valueOf(upper(f[8], "class"));
        Set<String> flags = new LinkedHashSet<>();
        for (String fl : f[9].split(",")) {
            if (!fl.isBlank()) {
                flags.add(fl.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new CodeInfo(code, from, to, tooth, perTooth, dentition, surfaces, area, cls, f[11].trim(),
                f[10].trim(), new FlagSet(flags));
    }

    private static String upper(String v, String column) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("column " + column + " is empty");
        }
        return s;
    }

    private static boolean yesNo(String v, String column) {
        return switch (v.trim()) {
            case "y", "yes" -> true;
            case "n", "no", "" -> false;
            default -> throw new IllegalArgumentException("column " + column + " must be y or n, not '" + v + "'");
        };
    }

    /** The row in force for {@code code} on {@code date}, or null when the code is unknown or not in force. */
    public CodeInfo lookup(String code, LocalDate date) {
        List<CodeInfo> rows = rows(code);
        if (rows == null) {
            return null;
        }
        if (date == null) {
            return rows.get(rows.size() - 1);
        }
        for (int i = 0; i < rows.size(); i++) { // indexed: an iterator per lookup was garbage on every line
            CodeInfo c = rows.get(i);
            if (c.inForce(date)) {
                return c;
            }
        }
        return null;
    }

    /** Every row for a code, oldest first (empty when toothcomb does not know the code). */
    public List<CodeInfo> history(String code) {
        return byCode.getOrDefault(code, List.of());
    }

    /** Every code that carries {@code flag} (see {@link CodeInfo#has}) in at least one of its rows, on any date. */
    public java.util.Set<String> codesWithFlag(String flag) {
        return codesWhere(c -> c.has(flag));
    }

    /** Every code at least one of whose rows passes {@code test}, on any date; in code order. */
    public java.util.Set<String> codesWhere(java.util.function.Predicate<CodeInfo> test) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        byCode.forEach((code, rows) -> {
            for (CodeInfo c : rows) {
                if (test.test(c)) {
                    out.add(code);
                    break;
                }
            }
        });
        return out;
    }

    public boolean knows(String code) {
        return rows(code) != null;
    }

    public int size() {
        return byCode.size();
    }
}
