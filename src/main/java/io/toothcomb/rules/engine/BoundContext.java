package io.toothcomb.rules.engine;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's {@link RuleContext}: one per configured rule, reporting into its engine's findings list. Not
 * thread-safe, like the engine that owns it.
 */
public final class BoundContext implements RuleContext {
    private final RuleInfo info;
    /**
     * The annotation's values, read once: {@code info} is an annotation proxy, and each of its methods is a
     * reflective call; three of them per finding were a tenth of the rules' time.
     */
    private final String id;
    private final String category;
    private final String statusCode;
    private final Severity severity;
    private final boolean historyRule;
    private final Map<String, String> params;
    private final CodeSet codes;
    private List<Finding> sink = new ArrayList<>();
    /** Parsed list parameters: rules ask for them on every claim, the pack's text never changes. */
    private final Map<String, List<String>> lists = new HashMap<>();
    private final HashMap<Object, Object> memo = new HashMap<>();
    private ClaimHistory history = ClaimHistory.NONE;
    /** Code-set rows of the claim being checked, shared by every rule of the engine; null outside an engine. */
    private LineInfos infos;

    /** A context outside an engine (a rule's tests): its findings go to {@link #findings()}. */
    public BoundContext(RuleInfo info, Severity severity, Map<String, String> params, CodeSet codes) {
        this.info = info;
        this.id = info.id();
        this.category = info.category();
        this.statusCode = info.statusCode();
        this.historyRule = info.history();
        this.severity = severity;
        this.params = Map.copyOf(params);
        this.codes = codes;
    }

    void bind(List<Finding> findings) {
        this.sink = findings;
    }

    void share(LineInfos infos) {
        this.infos = infos;
    }

    /** Sets the history this context shows, if its rule is a history rule (others always see none). */
    void history(ClaimHistory h) {
        this.history = h == null || !historyRule ? ClaimHistory.NONE : h;
    }

    /** What was reported through this context while it is not bound to an engine. */
    public List<Finding> findings() {
        return sink;
    }

    @Override
    public CodeInfo info(ServiceLine line) {
        return infos == null ? codes.lookup(line.code(), line.serviceDate()) : infos.info(line, codes);
    }

    @Override
    public ClaimHistory history() {
        return history;
    }

    @Override
    public CodeSet codes() {
        return codes;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    @Override
    public int intParam(String name, int fallback) {
        String v = params.get(name);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    @Override
    public List<String> listParam(String name, List<String> fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        List<String> cached = lists.get(name);
        if (cached != null) {
            return cached;
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        cached = List.copyOf(out);
        lists.put(name, cached);
        return cached;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> make) {
        Object v = memo.get(key);
        if (v == null) {
            v = make.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memoized(Object key) {
        return (T) memo.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Function<RuleContext, T> make) {
        Object v = memo.get(key);
        if (v == null) {
            v = make.apply(this);
            memo.put(key, v);
        }
        return (T) v;
    }

    @Override
    public void report(ServiceLine line, int segment, int element, int component, String message) {
        sink.add(new Finding(id, severity, category, statusCode,
                line == null ? null : line.number(), segment, element, component, message));
    }

    @Override
    public void reportAtMost(Severity cap, ServiceLine line, int segment, int element, int component, String message) {
        Severity s = severity.ordinal() < cap.ordinal() ? cap : severity;
        sink.add(new Finding(id, s, category, statusCode,
                line == null ? null : line.number(), segment, element, component, message));
    }
}
