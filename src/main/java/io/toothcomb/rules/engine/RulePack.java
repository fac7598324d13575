package io.toothcomb.rules.engine;

import io.toothcomb.rules.Severity;
import io.toothcomb.rules.ParamType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule pack: which rules run for which payers, with what severity and parameters. Packs are plain text
 * files a billing analyst can read and edit:
 *
 * <pre>
 * pack medicaid
 * extends default
 * match filing=MC
 * # NY Medicaid: 2 per tooth per 12 months (EmblemHealth policy, 2020-10-01)
 * rule D1354-PER-TOOTH severity=error
 * disable TOOTH-ON-WHOLE-MOUTH-CODE
 * </pre>
 *
 * A broken pack fails when it is loaded, naming the file, the line and what is wrong.
 */
public record RulePack(String name, String parent, Set<String> payerIds, Set<String> filingIndicators,
                       Map<String, RuleConfig> rules, Set<String> disabled, String description, String file) {

    /** One {@code rule} line: the id, an optional severity and parameters. */
    public record RuleConfig(String id, Severity severity, Map<String, String> params, int line) {
    }

    public boolean matchesAll() {
        return payerIds.isEmpty() && filingIndicators.isEmpty();
    }

    public static RulePack parse(Reader reader, String file, RuleRegistry registry) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String name = null;
        String parent = null;
        String description = "";
        Set<String> payers = new LinkedHashSet<>();
        Set<String> filings = new LinkedHashSet<>();
        Map<String, RuleConfig> rules = new LinkedHashMap<>();
        Set<String> disabled = new LinkedHashSet<>();
        String raw;
        int n = 0;
        while ((raw = r.readLine()) != null) {
            n++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String keyword = words[0];
            switch (keyword) {
                case "pack" -> {
                    need(words, 2, file, n, "pack NAME");
                    name = words[1];
                }
                case "extends" -> {
                    need(words, 2, file, n, "extends PACK");
                    parent = words[1];
                }
                case "description" -> description = line.substring("description".length()).trim();
                case "match" -> {
                    if (words.length < 2) {
                        throw error(file, n, "'match' needs payer=ID[,ID…] and/or filing=CODE[,CODE…]");
                    }
                    for (int i = 1; i < words.length; i++) {
                        String[] kv = keyValue(words[i], file, n);
                        Set<String> target = switch (kv[0]) {
                            case "payer" -> payers;
                            case "filing" -> filings;
                            default -> throw error(file, n, "unknown match key '" + kv[0]
                                    + "' (use payer= or filing=)");
                        };
                        for (String v : kv[1].split(",")) {
                            if (!v.isBlank()) {
                                target.add(v.trim());
                            }
                        }
                    }
                }
                case "rule" -> {
                    need(words, 2, file, n, "rule RULE-ID [severity=error|warning|info] [key=value …]");
                    String id = words[1];
                    if (registry.get(id) == null) {
                        throw error(file, n, "unknown rule '" + id + "' (./toothcomb rules lists them)");
                    }
                    Severity sev = null;
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 2; i < words.length; i++) {
                        String[] kv = keyValue(words[i], file, n);
                        if (kv[0].equals("severity")) {
                            try {
                                sev = Severity.parse(kv[1]);
                            } catch (IllegalArgumentException e) {
                                throw error(file, n, e.getMessage());
                            }
                        } else {
                            String problem = ParamType.check(RuleRegistry.info(registry.get(id)), kv[0], kv[1]);
                            if (problem != null) {
                                throw error(file, n, problem);
                            }
                            params.put(kv[0], kv[1]);
                        }
                    }
                    rules.put(id, new RuleConfig(id, sev, params, n));
                }
                case "disable" -> {
                    need(words, 2, file, n, "disable RULE-ID");
                    if (registry.get(words[1]) == null) {
                        throw error(file, n, "unknown rule '" + words[1] + "'");
                    }
                    disabled.add(words[1]);
                }
                default -> throw error(file, n, "unknown keyword '" + keyword
                        + "' (expected pack, extends, description, match, rule or disable)");
            }
        }
        if (name == null) {
            throw error(file, Math.max(1, n), "the pack has no 'pack NAME' line");
        }
        return new RulePack(name, parent, payers, filings, rules, disabled, description, file);
    }

    private static void need(String[] words, int count, String file, int line, String form) {
        if (words.length < count) {
            throw error(file, line, "expected '" + form + "'");
        }
    }

    private static String[] keyValue(String word, String file, int line) {
        int eq = word.indexOf('=');
        if (eq <= 0 || eq == word.length() - 1) {
            throw error(file, line, "'" + word + "' is not key=value");
        }
        return new String[] {word.substring(0, eq), word.substring(eq + 1)};
    }

    static IllegalArgumentException error(String file, int line, String message) {
        return new PackException(file + ":" + line + ": " + message);
    }

    /** A pack file that cannot be used; the message names file and line. */
    public static final class PackException extends IllegalArgumentException {
        public PackException(String message) {
            super(message);
        }
    }

    /** Rules of this pack after applying its parents (parents first, then this pack's own lines). */
    public List<RuleConfig> resolve(Map<String, RulePack> all) {
        Map<String, RuleConfig> merged = new LinkedHashMap<>();
        List<RulePack> chain = new ArrayList<>();
        RulePack p = this;
        Set<String> seen = new LinkedHashSet<>();
        while (p != null) {
            if (!seen.add(p.name())) {
                throw new PackException(file + ": packs extend each other in a circle: " + seen);
            }
            chain.add(0, p);
            if (p.parent() == null) {
                break;
            }
            RulePack next = all.get(p.parent());
            if (next == null) {
                throw new PackException(p.file() + ": extends unknown pack '" + p.parent() + "'");
            }
            p = next;
        }
        for (RulePack q : chain) {
            for (RuleConfig c : q.rules().values()) {
                RuleConfig prev = merged.get(c.id());
                if (prev != null) {
                    Map<String, String> params = new LinkedHashMap<>(prev.params());
                    params.putAll(c.params());
                    c = new RuleConfig(c.id(), c.severity() != null ? c.severity() : prev.severity(), params,
                            c.line());
                }
                merged.put(c.id(), c);
            }
            q.disabled().forEach(merged::remove);
        }
        return new ArrayList<>(merged.values());
    }
}
