package io.toothcomb.codes;

import io.toothcomb.codes.CodeInfo.Area;
import io.toothcomb.codes.CodeInfo.Dentition;
import io.toothcomb.codes.CodeInfo.Quantity;
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
import java.util.LinkedHashMap;
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

    /** The first date of service toothcomb's code set tracks: a row's from {@code -} means in force before it. */
    public static final LocalDate TRACKED_FROM = LocalDate.of(2018, 1, 1);

    private final Map<String, List<CodeInfo>> byCode;
    private final Map<String, String> sources;
    private final LocalDate[] complete;
    private final List<String> files;
    /** The rows of D0000-D9999 by number: a line's code finds its rows without hashing the (new) String. */
    private final List<?>[] byNumber = new List<?>[10000];

    private CodeSet(Map<String, List<CodeInfo>> byCode, Map<String, String> sources, LocalDate[] complete,
                    List<String> files) {
        this.byCode = byCode;
        this.sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.complete = complete;
        this.files = List.copyOf(files);
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
        return parse(in, name, Map.of());
    }

    /**
     * Parses a code set file (format v2, see the bundled file's header) whose rows may also cite the sources in
     * {@code inherited} (those of the set it will be laid over); a bad row fails with {@link CodeSetException},
     * naming the file, the line and what is wrong.
     */
    public static CodeSet parse(InputStream in, String name, Map<String, String> inherited) throws IOException {
        Map<String, List<CodeInfo>> map = new HashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Integer> sourceLines = new HashMap<>();
        List<Object[]> cited = new ArrayList<>(); // {source id, line}
        Map<CodeInfo, Integer> rowLines = new HashMap<>();
        LocalDate[] complete = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        int[] col = null;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                java.util.regex.Matcher m = SOURCE.matcher(line);
                if (m.matches()) {
                    String id = m.group(1);
                    if (sources.containsKey(id)) {
                        throw new CodeSetException(name + ":" + n + ": source " + id + " is already defined on line "
                                + sourceLines.get(id));
                    }
                    sources.put(id, m.group(2).trim());
                    sourceLines.put(id, n);
                } else if (line.startsWith("# complete:")) {
                    String[] d = line.substring("# complete:".length()).trim().split("\\s+");
                    try {
                        complete = new LocalDate[] {LocalDate.parse(d[0]),
                            d.length > 1 ? LocalDate.parse(d[1]) : null};
                    } catch (DateTimeParseException e) {
                        throw new CodeSetException(name + ":" + n + ": '# complete:' needs a first and an optional "
                                + "last date of service, yyyy-mm-dd");
                    }
                }
                continue;
            }
            String[] f = line.split("\t", -1);
            if (col == null) {
                col = header(f, name, n);
                continue;
            }
            if (f.length != COLUMNS.size()) {
                throw new CodeSetException(name + ":" + n + ": expected " + COLUMNS.size()
                        + " tab-separated columns (" + String.join(" ", COLUMNS) + "), found " + f.length);
            }
            String[] v = new String[COLUMNS.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f[col[i]];
            }
            CodeInfo info;
            try {
                info = row(v, name + ":" + n);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new CodeSetException(name + ":" + n + ": " + e.getMessage());
            }
            for (String s : info.sources()) {
                cited.add(new Object[] {s, n});
            }
            rowLines.put(info, n);
            map.computeIfAbsent(info.code(), k -> new ArrayList<>(1)).add(info);
        }
        if (col == null) {
            throw new CodeSetException(name + ": no header row (" + String.join(" ", COLUMNS) + ")");
        }
        for (Object[] c : cited) {
            if (!sources.containsKey((String) c[0]) && !inherited.containsKey((String) c[0])) {
                throw new CodeSetException(name + ":" + c[1] + ": source '" + c[0] + "' is not defined (add a line "
                        + "'# source " + c[0] + ": title, publisher, year, URL' to the file's header)");
            }
        }
        Map<String, List<CodeInfo>> frozen = new HashMap<>();
        for (Map.Entry<String, List<CodeInfo>> e : map.entrySet()) {
            List<CodeInfo> rows = new ArrayList<>(e.getValue());
            rows.sort(java.util.Comparator.comparing(CodeInfo::from,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
            for (int i = 1; i < rows.size(); i++) {
                CodeInfo a = rows.get(i - 1);
                CodeInfo b = rows.get(i);
                if (a.to() == null || b.from() == null || !b.from().isAfter(a.to())) {
                    throw new CodeSetException(name + ":" + rowLines.get(b) + ": the dates of this " + b.code()
                            + " row overlap its row on line " + rowLines.get(a) + " (one row per span of dates)");
                }
            }
            frozen.put(e.getKey(), List.copyOf(rows));
        }
        Map<String, String> allSources = new LinkedHashMap<>(inherited);
        allSources.putAll(sources);
        return new CodeSet(frozen, allSources, complete, List.of(name));
    }

    private static final java.util.regex.Pattern SOURCE =
            java.util.regex.Pattern.compile("#\\s*source\\s+([A-Za-z0-9][A-Za-z0-9_.-]*)\\s*:(.*)");

    /** The columns of format v2, in the order rows are read into (a file may order them as it likes). */
    public static final List<String> COLUMNS = List.of("code", "from", "to", "tooth", "per_tooth", "dentition",
            "surfaces", "area", "class", "quantity", "flags", "replacement", "label", "source");

    /** For each of {@link #COLUMNS}, its index in the file's header. */
    private static int[] header(String[] f, String name, int n) {
        int[] col = new int[COLUMNS.size()];
        java.util.Arrays.fill(col, -1);
        for (int i = 0; i < f.length; i++) {
            int k = COLUMNS.indexOf(f[i].trim());
            if (k < 0) {
                throw new CodeSetException(name + ":" + n + ": unknown column '" + f[i].trim() + "' in the header "
                        + "(format v2: " + String.join(" ", COLUMNS) + ")");
            }
            col[k] = i;
        }
        for (int k = 0; k < col.length; k++) {
            if (col[k] < 0) {
                throw new CodeSetException(name + ":" + n + ": the header has no column '" + COLUMNS.get(k)
                        + "' (format v2: " + String.join(" ", COLUMNS) + ")");
            }
        }
        return col;
    }

    // in COLUMNS order: code from to tooth per_tooth dentition surfaces area class quantity flags replacement label source
    private static CodeInfo row(String[] f, String where) {
        String code = f[0].trim();
        if (!code.matches("D\\d{4}")) {
            throw new IllegalArgumentException("'" + code + "' is not a CDT code (D and four digits)");
        }
        LocalDate from = f[1].trim().equals("-") ? null : date(f[1], "from");
        LocalDate to = f[2].isBlank() ? null : date(f[2], "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        ToothUse tooth = value(ToothUse.class, f[3], "tooth");
        boolean perTooth = yesNo(f[4], "per_tooth");
        Dentition dentition = value(Dentition.class, f[5], "dentition");
        int surfaces = switch (f[6].trim()) {
            case "-" -> -1;
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            case "4+" -> 4;
            default -> throw new IllegalArgumentException("surfaces '" + f[6] + "' must be -, 0, 1, 2, 3 or 4+");
        };
        Area area = value(Area.class, f[7], "area");
        ToothClassReq cls = value(ToothClassReq.class, f[8], "class");
        Quantity quantity = value(Quantity.class, f[9], "quantity");
        Set<String> flags = new LinkedHashSet<>();
        for (String fl : f[10].split(",")) {
            if (!fl.isBlank()) {
                flags.add(fl.trim().toLowerCase(Locale.ROOT));
            }
        }
        String label = f[12].trim();
        if (label.isEmpty()) {
            throw new IllegalArgumentException("column label is empty");
        }
        List<String> sources = new ArrayList<>();
        for (String s : f[13].split(",")) {
            if (!s.isBlank()) {
                sources.add(s.trim());
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("column source is empty: every row names where its facts come from");
        }
        return new CodeInfo(code, from, to, tooth, perTooth, dentition, surfaces, area, cls, quantity, label,
                f[11].trim(), new FlagSet(flags), List.copyOf(sources), where);
    }

    private static LocalDate date(String v, String column) {
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("column " + column + " '" + v.trim() + "' is not a date (yyyy-mm-dd"
                    + (column.equals("from") ? ", or - for in force before 2018" : "") + ")");
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, String v, String column) {
        String s = v.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("column " + column + " '" + s + "' must be one of "
                + String.join(", ", names));
    }

    private static boolean yesNo(String v, String column) {
        return switch (v.trim()) {
            case "y" -> true;
            case "n" -> false;
            default -> throw new IllegalArgumentException("column " + column + " must be y or n, not '" + v + "'");
        };
    }

    /**
     * This set with the rows of {@code extra} laid over it: a code {@code extra} has replaces every row this set
     * has for it (all its spans of dates), other codes are kept; {@code extra}'s sources are added.
     */
    public CodeSet overlay(CodeSet extra) {
        Map<String, List<CodeInfo>> map = new HashMap<>(byCode);
        map.putAll(extra.byCode);
        Map<String, String> src = new LinkedHashMap<>(sources);
        src.putAll(extra.sources);
        List<String> files = new ArrayList<>(this.files);
        files.addAll(extra.files);
        return new CodeSet(map, src, extra.complete != null ? extra.complete : complete, files);
    }

    /** Reads {@code file} and lays it over this set ({@link #overlay}); its rows may cite this set's sources. */
    public CodeSet overlay(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return overlay(parse(in, file.toString(), sources));
        }
    }

    /** The text of a source id ({@code # source ID: ...}), or null when no file of this set defines it. */
    public String source(String id) {
        return sources.get(id);
    }

    /** Every source id and its text. */
    public Map<String, String> sources() {
        return sources;
    }

    /** The files this set was read from, bundled first. */
    public List<String> files() {
        return files;
    }

    /**
     * True when the set claims to hold every CDT code in force on {@code date} (its {@code # complete:} line):
     * a well-formed code it does not have on that date is then not a CDT code at all.
     */
    public boolean complete(LocalDate date) {
        return complete != null && date != null && !date.isBefore(complete[0])
                && (complete[1] == null || !date.isAfter(complete[1]));
    }

    /** A code set file that cannot be used; the message names the file and line. */
    public static final class CodeSetException extends IllegalArgumentException {
        public CodeSetException(String message) {
            super(message);
        }
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
