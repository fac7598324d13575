package io.toothcomb.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages point one way. Reads what every compiled class of {@code io.toothcomb} refers to with the JDK's
 * own {@code jdeps} (the class files' constant pools: imports, field and method types, calls) and checks each
 * reference between two packages against the layers below. A sub-package counts as its top package
 * ({@code rules.checks} is {@code rules}).
 *
 * <p>The references that break the layers today are listed in {@link #KNOWN}, each with the reason it is there;
 * a new one fails the test, and so does a listed one that is gone (take it off the list), so the list only
 * shrinks. Without the listed edges the package graph must have no cycle.
 */
class LayeringTest {

    /**
     * What each package may refer to directly, besides itself; what those may refer to is allowed too (the
     * closure). The order: reader, guide -> loader -> model; codes; rules over model and codes; fix; result (what
     * a scrub hands its listeners and asks its writers) over the findings and the loader's acknowledgments;
     * writers over the results; scrub over rules, loader and writers; config; history, api and the front ends on
     * top.
     */
    static final Map<String, Set<String>> OVER = new LinkedHashMap<>();

    static {
        OVER.put("reader", Set.of());
        OVER.put("model", Set.of());
        OVER.put("control", Set.of());
        OVER.put("guide", Set.of("reader"));
        OVER.put("loader", Set.of("reader", "guide", "model"));
        OVER.put("codes", Set.of("model"));
        OVER.put("rules", Set.of("model", "codes"));
        OVER.put("fix", Set.of("loader", "codes"));
        // result: what a scrub hands its listeners (ScrubListener, ClaimResult, ScrubSummary), the per-set writer
        // contract (SetWriter, Fragment) and what a scrub is asked for (Output, ScrubOptions)
        OVER.put("result", Set.of("rules", "loader", "control"));
        // writers: the results, the findings (rules.Finding) and the loader's acknowledgments, which the 999 writes out
        OVER.put("writers", Set.of("result", "rules", "loader", "control"));
        OVER.put("scrub", Set.of("rules", "loader", "fix", "writers", "control"));
        OVER.put("config", Set.of("writers", "control"));
        OVER.put("history", Set.of("scrub", "writers", "rules", "loader", "control"));
        OVER.put("api", Set.of("history", "scrub", "config"));
        for (String front : List.of("cli", "watch", "smooks", "spark", "generate")) {
            OVER.put(front, Set.of("api", "history", "scrub", "config"));
        }
    }

    /** The upward references of today, package -> package, each with one line saying why it is there. */
    static final Map<String, String> KNOWN = new TreeMap<>(Map.of());

    private static final Pattern EDGE =
            Pattern.compile("^\\s+(io\\.toothcomb\\.[\\w.$]+)\\s+->\\s+(io\\.toothcomb\\.[\\w.$]+)\\s");

    @Test
    void packagesPointOneWay() throws Exception {
        Map<String, Set<String>> uses = new TreeMap<>();       // package edge -> class references
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : jdeps().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String from = top(m.group(1));
            String to = top(m.group(2));
            if (from.equals(to)) {
                continue;
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            uses.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                    .add(simple(m.group(1)) + " -> " + simple(m.group(2)));
        }
        assertTrue(graph.size() > 10, "jdeps found too little: " + graph);

        List<String> unknown = new ArrayList<>();
        for (String p : graph.keySet()) {
            if (!OVER.containsKey(p)) {
                unknown.add(p);
            }
        }
        assertEquals(List.of(), unknown, "packages without a layer: give each a place in OVER");

        Map<String, Set<String>> allowed = closure();
        Map<String, Set<String>> upward = new TreeMap<>();
        uses.forEach((edge, refs) -> {
            String[] ft = edge.split(" -> ");
            if (!allowed.get(ft[0]).contains(ft[1])) {
                upward.put(edge, refs);
            }
        });

        StringBuilder report = new StringBuilder("Upward package references (" + upward.size() + "):\n");
        upward.forEach((edge, refs) -> report.append("  ").append(edge)
                .append(KNOWN.containsKey(edge) ? "  [known: " + KNOWN.get(edge) + "]" : "  [NEW]")
                .append("\n      ").append(String.join("\n      ", refs)).append('\n'));
        report.append("Cycles including them: ").append(cycles(graph)).append('\n');
        System.out.print(report);

        Set<String> fresh = new TreeSet<>(upward.keySet());
        fresh.removeAll(KNOWN.keySet());
        Set<String> gone = new TreeSet<>(KNOWN.keySet());
        gone.removeAll(upward.keySet());
        assertEquals(Set.of(), fresh, "new upward references (a lower layer must not refer to a higher one):\n" + report);
        assertEquals(Set.of(), gone, "fixed, so take them off LayeringTest.KNOWN:\n" + report);

        Map<String, Set<String>> without = new TreeMap<>();
        graph.forEach((from, tos) -> {
            for (String to : tos) {
                if (!KNOWN.containsKey(from + " -> " + to)) {
                    without.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        });
        assertEquals(List.of(), cycles(without), "package cycles");
    }

    private static String jdeps() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        Path classes = Path.of(LayeringTest.class.getClassLoader()
                .getResource("io/toothcomb/rules/Rule.class").toURI()).getParent().getParent().getParent().getParent();
        // the class files without module-info.class: jdeps would otherwise read the folder as the module
        // io.toothcomb and want every module it requires; the packages' references are what is checked here
        Path copy = java.nio.file.Files.createTempDirectory("layering-");
        try {
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(classes.resolve("io"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Path to = copy.resolve(classes.relativize(p).toString());
                    java.nio.file.Files.createDirectories(to.getParent());
                    java.nio.file.Files.copy(p, to);
                }
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err),
                    "-verbose:class", "-filter:none", "-e", "io\\.toothcomb\\..*", copy.toString());
            assertEquals(0, rc, "jdeps failed: " + err);
            return out.toString();
        } finally {
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(copy)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }

    private static String top(String cls) {
        String rest = cls.substring("io.toothcomb.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "(io.toothcomb)" : rest.substring(0, dot);
    }

    private static String simple(String cls) {
        return cls.substring("io.toothcomb.".length());
    }

    private static Map<String, Set<String>> closure() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String p : OVER.keySet()) {
            Set<String> seen = new TreeSet<>();
            Deque<String> todo = new ArrayDeque<>(OVER.get(p));
            while (!todo.isEmpty()) {
                String q = todo.pop();
                if (seen.add(q)) {
                    todo.addAll(OVER.getOrDefault(q, Set.of()));
                }
            }
            out.put(p, seen);
        }
        return out;
    }

    /** The strongly connected groups of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> on = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        Set<String> nodes = new TreeSet<>(g.keySet());
        g.values().forEach(nodes::addAll);
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                strong(n, g, index, low, stack, on, out, counter);
            }
        }
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                               Map<String, Integer> low, Deque<String> stack, Set<String> on,
                               List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        on.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, on, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                out.add(group);
            }
        }
    }
}
