package io.toothcomb.rules.engine;

import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.Claim;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Stream;

/**
 * Runs the rules of the pack that fits each claim. Not thread-safe: use one engine per thread
 * ({@link #copy()} is cheap).
 */
public final class RuleEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    /** Bundled packs, in the order they are loaded. */
    public static final List<String> BUNDLED_PACKS = List.of("default", "medicaid", "commercial");

    private final Map<String, RulePack> packs;
    private final RuleRegistry registry;
    private final CodeSet codes;
    private final Map<String, List<Bound>> bound = new LinkedHashMap<>();
    private final Map<String, PackRules> byPayer = new LinkedHashMap<>();
    private final Map<String, PackRules> byFiling = new LinkedHashMap<>();
    private final Map<String, PackRules> byName = new LinkedHashMap<>();
    private final PackRules fallback;
    private final LineInfos infos = new LineInfos();
    /** Where every rule of this engine reports; emptied before each claim, copied out after it. */
    private final List<Finding> sink = new ArrayList<>();
    /** The pack of the last claim asked about, by the identity of its payer id and filing indicator. */
    private String lastPayer;
    private String lastFiling;
    private PackRules lastRules;

    private static final Comparator<Finding> FILE_ORDER =
            Comparator.comparingInt(Finding::segment).thenComparingInt(Finding::element);

    /** A configured rule; {@code trigger} is its bit in {@link PackRules#triggers}, or 0 when it runs on every claim. */
    private record Bound(String id, Rule rule, BoundContext context, long trigger) {
    }

    /**
     * A pack with its configured rules, so that a claim finds its rules with one lookup, and for each code some
     * rule of the pack is triggered by ({@link Rule#triggers}), the bits of those rules.
     */
    private record PackRules(RulePack pack, Bound[] rules, Map<String, Long> triggers) {
        /** The bits of the rules some line of the claim triggers; every bit when no rule of the pack has triggers. */
        long triggered(Claim claim) {
            if (triggers.isEmpty()) {
                return -1L;
            }
            long bits = 0;
            List<io.toothcomb.model.ServiceLine> lines = claim.lines();
            for (int i = 0; i < lines.size(); i++) {
                Long b = triggers.get(lines.get(i).code());
                if (b != null) {
                    bits |= b;
                }
            }
            return bits;
        }
    }

    public RuleEngine(Map<String, RulePack> packs, RuleRegistry registry, CodeSet codes) {
        this.packs = Map.copyOf(packs);
        this.registry = registry;
        this.codes = codes;
        PackRules def = null;
        for (RulePack p : packs.values()) {
            List<Bound> rules = new ArrayList<>();
            Map<String, Long> triggers = new java.util.HashMap<>();
            int bits = 0;
            for (RulePack.RuleConfig c : p.resolve(packs)) {
                Class<? extends Rule> type = registry.get(c.id());
                RuleInfo info = RuleRegistry.info(type);
                c.params().forEach((k, v) -> {
                    String problem = ParamType.check(info, k, v);
                    if (problem != null) {
                        throw new RulePack.PackException(p.file() + ":" + c.line() + ": " + problem);
                    }
                });
                Severity sev = c.severity() != null ? c.severity() : info.severity();
                BoundContext context = new BoundContext(info, sev, c.params(), codes);
                context.share(infos);
                context.bind(sink);
                Rule rule = registry.instantiate(c.id());
                long bit = 0;
                List<String> t = rule.triggers(context);
                if (t != null && bits < Long.SIZE) {
                    bit = 1L << bits++; // beyond 64 code-specific rules in one pack, the rest run on every claim
                    for (String code : triggerCodes(t, codes)) {
                        triggers.merge(code, bit, (a, b) -> a | b);
                    }
                }
                rules.add(new Bound(c.id(), rule, context, bit));
            }
            bound.put(p.name(), rules);
            PackRules pr = new PackRules(p, rules.toArray(Bound[]::new), Map.copyOf(triggers));
            byName.put(p.name(), pr);
            p.payerIds().forEach(id -> byPayer.put(id, pr));
            p.filingIndicators().forEach(f -> byFiling.put(f, pr));
            if (p.matchesAll() && (def == null || p.name().equals("default"))) {
                def = pr;
            }
        }
        if (def == null) {
            throw new RulePack.PackException("no pack matches every claim: one pack needs no 'match' line");
        }
        this.fallback = def;
    }

    /**
     * The line codes that trigger a rule with these {@link Rule#triggers}: each code as written and in capitals
     * (rules compare either way), and every code carrying a listed {@code flag:NAME} on some date.
     */
    public static java.util.Set<String> triggerCodes(List<String> triggers, CodeSet codes) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String t : triggers) {
            if (t.startsWith("flag:")) {
                out.addAll(codes.codesWithFlag(t.substring(5).toLowerCase(java.util.Locale.ROOT)));
            } else {
                out.add(t);
                out.add(t.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** The engine with the bundled packs, plus any {@code *.pack} files in {@code extraDir} (may be null). */
    public static RuleEngine load(Path extraDir) throws IOException {
        return load(extraDir, List.of());
    }

    /**
     * The engine with the bundled packs and code set, plus the {@code *.pack} files in {@code extraDir} (may be
     * null), and the code rows of the {@code *.codes} and {@code *.tsv} files in {@code extraDir} and then of
     * {@code codeFiles} laid over the bundled code set ({@link #codes(Path, List)}).
     *
     * @throws RulePack.PackException when a pack or a code file is broken (the message names file and line), or a
     *         plugin rule cannot be loaded or reuses a rule id (the message names the classes)
     */
    public static RuleEngine load(Path extraDir, List<Path> codeFiles) throws IOException {
        RuleRegistry registry;
        try {
            registry = RuleRegistry.installed();
        } catch (IllegalStateException e) {
            throw new RulePack.PackException(e.getMessage()); // a broken plugin, or a plugin reusing an id
        }
        Map<String, RulePack> packs = new LinkedHashMap<>();
        for (String name : BUNDLED_PACKS) {
            String res = "/io/toothcomb/packs/" + name + ".pack";
            var in = RuleEngine.class.getResourceAsStream(res);
            if (in == null) {
                continue;
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                RulePack p = RulePack.parse(r, name + ".pack (bundled)", registry);
                packs.put(p.name(), p);
            }
        }
        if (extraDir != null) {
            try (Stream<Path> files = Files.list(extraDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pack")).sorted().toList()) {
                    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        RulePack p = RulePack.parse(r, f.toString(), registry);
                        packs.put(p.name(), p);
                    }
                }
            }
        }
        return new RuleEngine(packs, registry, codes(extraDir, codeFiles));
    }

    /**
     * The bundled code set with the rows of the {@code *.codes} and {@code *.tsv} files of {@code extraDir} (may be
     * null; in name order) and then of {@code codeFiles} laid over it: a code a file lists replaces every bundled
     * row of that code, a later file wins. A broken row fails with a {@link RulePack.PackException} naming file
     * and line.
     */
    public static CodeSet codes(Path extraDir, List<Path> codeFiles) throws IOException {
        CodeSet codes = CodeSet.bundled();
        List<Path> files = new ArrayList<>();
        if (extraDir != null) {
            try (Stream<Path> s = Files.list(extraDir)) {
                s.filter(f -> f.toString().endsWith(".codes") || f.toString().endsWith(".tsv")).sorted()
                        .forEach(files::add);
            }
        }
        files.addAll(codeFiles);
        for (Path f : files) {
            try {
                codes = codes.overlay(f);
            } catch (CodeSet.CodeSetException e) {
                throw new RulePack.PackException(e.getMessage());
            }
        }
        return codes;
    }

    /** An engine with only the given rules at their default severity (tests, embedding). */
    public static RuleEngine ofRules(List<String> ids) {
        RuleRegistry registry = RuleRegistry.installed();
        Map<String, RulePack.RuleConfig> rules = new LinkedHashMap<>();
        for (String id : ids) {
            if (registry.get(id) == null) {
                throw new IllegalArgumentException("unknown rule " + id);
            }
            rules.put(id, new RulePack.RuleConfig(id, null, Map.of(), 0));
        }
        RulePack p = new RulePack("custom", null, java.util.Set.of(), java.util.Set.of(), rules, java.util.Set.of(),
                "", "(code)");
        return new RuleEngine(Map.of("custom", p), registry, CodeSet.bundled());
    }

    /** A fresh engine with the same packs, for another thread. */
    public RuleEngine copy() {
        return new RuleEngine(packs, registry, codes);
    }

    public CodeSet codes() {
        return codes;
    }

    /**
     * The ids of the history rules ({@link RuleInfo#history()}) this engine knows, configured in a pack or not:
     * the rules a caller replaying a patient's claims in order re-runs.
     */
    public java.util.Set<String> historyRules() {
        return registry.historyRules();
    }

    /**
     * The line codes the history rules ({@link RuleInfo#history()}) are triggered by, in any pack: a line with another
     * code never changes a history verdict. Null when one of them runs on every claim whatever it bills.
     */
    public java.util.Set<String> historyCodes() {
        return triggerCodes(historyRules()::contains);
    }

    /**
     * Lets the history rules ({@link RuleInfo#history()}) of this engine see claim history (null: none); the
     * others never do. Not carried over by {@link #copy()}.
     */
    public void history(ClaimHistory h) {
        bound.values().forEach(list -> list.forEach(b -> b.context().history(h)));
        hasHistory = h != null;
    }

    private boolean hasHistory;

    /** True when the rules see claim history: claims then depend on the claims before them. */
    public boolean hasHistory() {
        return hasHistory;
    }

    public Map<String, RulePack> packs() {
        return packs;
    }

    /** The pack that applies to a claim: by payer id first, then by SBR09 filing indicator, else the default. */
    public RulePack packFor(Claim claim) {
        return rulesFor(claim).pack();
    }

    private PackRules rulesFor(Claim claim) {
        String payer = claim.payerId();
        String filing = claim.filingIndicator();
        if (payer == lastPayer && filing == lastFiling && lastRules != null) {
            return lastRules; // claims of one subscriber share these Strings
        }
        PackRules p = byPayer.isEmpty() ? null : byPayer.get(payer);
        if (p == null) {
            p = byFiling.get(filing);
        }
        lastPayer = payer;
        lastFiling = filing;
        lastRules = p == null ? fallback : p;
        return lastRules;
    }

    /**
     * Runs every rule of the claim's pack; findings in file order, as an unmodifiable list (the same empty list
     * for the usual claim without findings).
     */
    public List<Finding> check(Claim claim) {
        return run(rulesFor(claim), claim, null);
    }

    /**
     * Runs only the rules of the pack named {@code packName} whose ids {@code which} accepts, as {@link #check}
     * runs them (the archive history replay of the embedding API re-judges the history rules this way).
     *
     * @throws IllegalArgumentException when no pack has that name
     */
    public List<Finding> check(String packName, Claim claim, java.util.function.Predicate<String> which) {
        PackRules pr = byName.get(packName);
        if (pr == null) {
            throw new IllegalArgumentException("no rule pack named " + packName);
        }
        return run(pr, claim, which);
    }

    /**
     * The line codes that trigger the rules {@code which} accepts, in any pack; null when one of them runs on every
     * claim whatever it bills.
     */
    public java.util.Set<String> triggerCodes(java.util.function.Predicate<String> which) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (List<Bound> list : bound.values()) {
            for (Bound b : list) {
                if (which.test(b.id())) {
                    List<String> t = b.rule().triggers(b.context());
                    if (t == null) {
                        return null;
                    }
                    out.addAll(triggerCodes(t, codes));
                }
            }
        }
        return out;
    }

    private List<Finding> run(PackRules pr, Claim claim, java.util.function.Predicate<String> which) {
        List<Finding> findings = sink;
        findings.clear();
        infos.clear();
        long triggered = pr.triggered(claim);
        for (Bound b : pr.rules()) {
            if ((b.trigger() & triggered) != b.trigger()) {
                continue; // a code-specific rule, and the claim bills none of its codes
            }
            if (which != null && !which.test(b.id())) {
                continue;
            }
            try {
                b.rule().check(claim, b.context());
            } catch (RuntimeException e) {
                // a rule bug must not lose the file: report it without PHI and go on
                LOG.warn("rule " + b.id() + " failed on the claim at segment " + claim.segment() + ": "
                        + e.getClass().getSimpleName());
                findings.add(new Finding(b.id(), Severity.INFO, "A3", "21", null, claim.segment(), 0, 0,
                        "rule " + b.id() + " could not check this claim (internal error " + e.getClass().getSimpleName()
                                + "); please report it"));
            }
        }
        if (findings.isEmpty()) {
            return List.of();
        }
        if (findings.size() > 1) {
            findings.sort(FILE_ORDER);
        }
        List<Finding> out = List.copyOf(findings);
        findings.clear();
        return out;
    }
}
