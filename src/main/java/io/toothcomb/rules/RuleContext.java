package io.toothcomb.rules;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a rule sees besides the claim: the code set, its parameters from the pack, and where to report.
 * One context belongs to one configured rule; it reports into its engine's findings list.
 */
public final class RuleContext {
    private final RuleInfo info;
    /**
     * The annotation's values, read once: {@code info} is an annotation proxy, and each of its methods is a
     * reflective call; three of them per finding were a tenth of the rules' time.
     */
    private final String id;
    private final String category;
    private final String statusCode;
    private final Severity severity;
    private final Map<String, String> params;
    private final CodeSet codes;
    private List<Finding> sink = new ArrayList<>();
    /** Parsed list parameters: rules ask for them on every claim, the pack's text never changes. */
    private final Map<String, List<String>> lists = new java.util.HashMap<>();
    private io.toothcomb.history.ClaimHistory history = io.toothcomb.history.ClaimHistory.NONE;
    /** Code-set rows of the claim being checked, shared by every rule of the engine; null outside an engine. */
    private LineInfos infos;

    public RuleContext(RuleInfo info, Severity severity, Map<String, String> params, CodeSet codes) {
        this.info = info;
        this.id = info.id();
        this.category = info.category();
        this.statusCode = info.statusCode();
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

    /**
     * The code-set row in force for the line's code on its date of service, or null: the same as
     * {@code codes().lookup(line.code(), line.serviceDate())}, but looked up once per line of the claim being
     * checked however many rules ask.
     */
    public CodeInfo info(ServiceLine line) {
        return infos == null ? codes.lookup(line.code(), line.serviceDate()) : infos.info(line, codes);
    }

    void history(io.toothcomb.history.ClaimHistory h) {
        this.history = h == null ? io.toothcomb.history.ClaimHistory.NONE : h;
    }

    /** Earlier accepted claims of the same patient; {@link io.toothcomb.history.ClaimHistory#NONE} when none is configured. */
    public io.toothcomb.history.ClaimHistory history() {
        return history;
    }

    public CodeSet codes() {
        return codes;
    }

    /** The rule's id (as {@code info().id()}, without the reflective call). */
    public String id() {
        return id;
    }

    public RuleInfo info() {
        return info;
    }

    public Severity severity() {
        return severity;
    }

    /** A parameter from the pack, or {@code fallback} when the pack does not set it. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    public int intParam(String name, int fallback) {
        String v = params.get(name);
        return v == null ? fallback : Integer.parseInt(v.trim());
    }

    /** A comma-separated list parameter (parsed once per context, then reused; the list is unmodifiable). */
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

    private final java.util.HashMap<Object, Object> memo = new java.util.HashMap<>();

    /**
     * A value the rule derives from its parameters (a compiled matcher, a parsed set), computed on first use
     * and kept for every later claim: parameters do not change while the engine lives.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> make) {
        Object v = memo.get(key);
        if (v == null) {
            v = make.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    /** The value {@link #memo} keeps under {@code key}, or null before it is made. */
    @SuppressWarnings("unchecked")
    public <T> T memoized(Object key) {
        return (T) memo.get(key);
    }

    /**
     * Like {@link #memo(Object, java.util.function.Supplier)}, for a value made from this context: a lambda that
     * captures nothing is one object for good, so asking for the value on every claim allocates nothing.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Function<RuleContext, T> make) {
        Object v = memo.get(key);
        if (v == null) {
            v = make.apply(this);
            memo.put(key, v);
        }
        return (T) v;
    }

    /** Reports a finding on a service line, pointing at an element of a segment. */
    public void report(ServiceLine line, int segment, int element, int component, String message) {
        sink.add(new Finding(id, severity, category, statusCode,
                line == null ? null : line.number(), segment, element, component, message));
    }

    /**
     * Reports a finding at a severity no higher than {@code cap} (the pack's severity when it is lower): for a rule
     * whose finding is certain in one case and only a doubt in another.
     */
    public void reportAtMost(Severity cap, ServiceLine line, int segment, int element, int component, String message) {
        Severity s = severity.ordinal() < cap.ordinal() ? cap : severity;
        sink.add(new Finding(id, s, category, statusCode,
                line == null ? null : line.number(), segment, element, component, message));
    }

    public void report(ServiceLine line, int segment, int element, String message) {
        report(line, segment, element, 0, message);
    }

    /** Reports a claim-level finding pointing at the CLM segment. */
    public void report(Claim claim, String message) {
        report(null, claim.segment(), 0, 0, message);
    }
}
