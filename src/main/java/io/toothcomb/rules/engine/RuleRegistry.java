package io.toothcomb.rules.engine;

import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.checks.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every rule toothcomb can run: the bundled rules, listed in {@link #BUNDLED}, and, in {@link #installed()},
 * the plugin rules found with {@link ServiceLoader} on the class path, as Error Prone finds plugin checkers. A
 * plugin jar lists its rule classes in {@code META-INF/services/io.toothcomb.rules.Rule}; each carries
 * {@link RuleInfo} (with its {@link Param}s) and has a public no-argument constructor. A plugin rule whose id a
 * bundled rule or another plugin already uses is refused, naming both classes.
 */
public final class RuleRegistry {
    /** The bundled rules, one class each; adding a rule is adding a class here (no package scan). */
    public static final List<Class<? extends Rule>> BUNDLED = List.of(
            ApexDocumentation.class, ApexSequence.class, ApexTwoCodesSameTooth.class, ApexWithRootCanal.class,
            AreaKind.class, AreaRequired.class, AreaToothMismatch.class, AttachmentRequired.class,
            ClaimChargeBalance.class, CobBalance.class, CodeFormat.class, CodeNotInForce.class, CodeToothClass.class,
            CodeToothClassSupernumerary.class, CodeUnknown.class, D1352CariesRiskEvidence.class,
            D1352LowRiskConflict.class, D1352SameToothDuplicative.class, D1354D1355SameTooth.class,
            D1354PerTooth.class, D1354WithEndo.class, DuplicateLine.class, HistoryApexSequence.class,
            HistoryD1354Frequency.class, NarrativeRequired.class, OncePerVisit.class, PatientAge.class,
            PwkControlNumber.class, QuantityOne.class, SameToothExclusive.class, SurfaceCount.class,
            SurfaceLetters.class, SurfaceRequired.class, SurfaceTooth.class, TeethPerVisit.class, ToothAge.class,
            ToothAllowed.class, ToothDentition.class, ToothOnWholeMouthCode.class, ToothRequired.class,
            ToothValid.class);

    /**
     * Rule id of the finding a claim gets when its transaction set is rejected in the 999: reported by the scrub
     * itself, not by a rule, and reserved like the ids of the rules.
     */
    public static final String ENVELOPE_RULE = "X12-999";
    /** Rule id of a finding from the guide's situational conditions (reported by the loader's guide checks). */
    public static final String SITUATION_RULE = "X12-SITUATION";

    private static volatile RuleRegistry bundled;
    private static volatile RuleRegistry installed;

    private final Map<String, Class<? extends Rule>> rules;
    private final Map<String, Class<? extends Rule>> plugins;
    /** How {@link ServiceLoader} makes each plugin rule it found (a fresh instance per call). */
    private final Map<Class<? extends Rule>, java.util.function.Supplier<? extends Rule>> makers =
            new java.util.HashMap<>();

    private RuleRegistry(Map<String, Class<? extends Rule>> rules, Map<String, Class<? extends Rule>> plugins) {
        this.rules = Collections.unmodifiableMap(rules);
        this.plugins = Collections.unmodifiableMap(plugins);
    }

    /** The bundled rules only (the rule reference, the fixtures of this project). */
    public static RuleRegistry bundled() {
        RuleRegistry r = bundled;
        if (r == null) {
            r = of(BUNDLED, List.of());
            bundled = r;
        }
        return r;
    }

    /**
     * The bundled rules and the plugin rules on the class path of toothcomb's own class loader: what the packs,
     * {@code toothcomb scrub} and {@code toothcomb rules} use.
     *
     * @throws IllegalStateException when a plugin is broken or reuses an id (the message names the classes)
     */
    public static RuleRegistry installed() {
        RuleRegistry r = installed;
        if (r == null) {
            synchronized (RuleRegistry.class) {
                r = installed;
                if (r == null) {
                    r = withPlugins(RuleRegistry.class.getClassLoader());
                    installed = r;
                }
            }
        }
        return r;
    }

    /** The bundled rules and the plugin rules {@link ServiceLoader} finds through {@code loader}. */
    public static RuleRegistry withPlugins(ClassLoader loader) {
        List<Class<? extends Rule>> found = new ArrayList<>();
        Map<Class<? extends Rule>, java.util.function.Supplier<? extends Rule>> makers = new java.util.HashMap<>();
        try {
            ServiceLoader.load(Rule.class, loader).stream().forEach(p -> {
                found.add(p.type());
                makers.put(p.type(), p); // a plugin in a module of its own is made by ServiceLoader, not reflection
            });
        } catch (java.util.ServiceConfigurationError e) {
            throw new IllegalStateException("a rule plugin cannot be loaded: " + e.getMessage(), e);
        }
        RuleRegistry r = of(BUNDLED, found);
        r.makers.putAll(makers);
        return r;
    }

    /** A registry of the given bundled and plugin rule classes; a reused id or a class without @RuleInfo is refused. */
    public static RuleRegistry of(List<Class<? extends Rule>> bundledTypes, List<Class<? extends Rule>> pluginTypes) {
        Map<String, Class<? extends Rule>> all = new TreeMap<>();
        Map<String, Class<? extends Rule>> plugins = new TreeMap<>();
        for (Class<? extends Rule> c : bundledTypes) {
            add(all, c, "bundled rule");
        }
        for (Class<? extends Rule> c : pluginTypes) {
            if (all.containsValue(c)) {
                continue; // the same class seen twice (a plugin on the class path twice): one rule
            }
            add(all, c, "plugin rule");
            plugins.put(info(c).id(), c);
        }
        return new RuleRegistry(new LinkedHashMap<>(all), new LinkedHashMap<>(plugins));
    }

    private static void add(Map<String, Class<? extends Rule>> all, Class<? extends Rule> c, String what) {
        RuleInfo info = c.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(what + " " + c.getName() + " has no @RuleInfo");
        }
        Class<? extends Rule> dup = all.get(info.id());
        if (dup != null) {
            throw new IllegalStateException("rule id " + info.id() + " of " + what + " " + c.getName()
                    + " is already used by " + (BUNDLED.contains(dup) ? "bundled rule " : "plugin rule ") + dup.getName()
                    + "; a plugin rule needs an id of its own");
        }
        all.put(info.id(), c);
    }

    /** Rule ids and classes, sorted by id. */
    public Map<String, Class<? extends Rule>> rules() {
        return rules;
    }

    /** The plugin rules among {@link #rules()}, sorted by id. */
    public Map<String, Class<? extends Rule>> plugins() {
        return plugins;
    }

    /** The ids of the history rules ({@link RuleInfo#history()}) among {@link #rules()}, sorted. */
    public java.util.Set<String> historyRules() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        rules.forEach((id, type) -> {
            if (info(type).history()) {
                out.add(id);
            }
        });
        return java.util.Collections.unmodifiableSet(out);
    }

    public Class<? extends Rule> get(String id) {
        return rules.get(id);
    }

    public static RuleInfo info(Class<? extends Rule> type) {
        return type.getAnnotation(RuleInfo.class);
    }

    public Rule instantiate(String id) {
        Class<? extends Rule> type = rules.get(id);
        java.util.function.Supplier<? extends Rule> maker = makers.get(type);
        if (maker != null) {
            try {
                return maker.get();
            } catch (java.util.ServiceConfigurationError e) {
                throw new IllegalStateException("rule " + id + " (" + type.getName() + ") cannot be made: "
                        + e.getMessage(), e);
            }
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule " + id + " (" + type.getName()
                    + ") needs a public no-argument constructor", e);
        }
    }
}
