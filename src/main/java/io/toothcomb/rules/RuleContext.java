package io.toothcomb.rules;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a rule sees besides the claim: the code set, its parameters from the pack, the claim history (for a
 * {@linkplain RuleInfo#history() history rule}), and where to report. toothcomb makes one context per configured
 * rule and hands it to {@link Rule#check} and {@link Rule#triggers}; a rule never makes one (a rule's own unit test
 * may implement this interface). A context reports into its engine's findings, is used by one thread at a time
 * and lives as long as the engine.
 */
public interface RuleContext {

    /** The rule's id, as {@code info().id()}. */
    String id();

    /** The rule's {@link RuleInfo}. */
    RuleInfo info();

    /** The severity this pack gives the rule (the pack line's, else {@link RuleInfo#severity()}). */
    Severity severity();

    /** The code set in force: the bundled one with the user's code files laid over it. */
    CodeSet codes();

    /**
     * The code-set row in force for the line's code on its date of service, or null: the same as
     * {@code codes().lookup(line.code(), line.serviceDate())}, but looked up once per line of the claim being
     * checked however many rules ask.
     */
    CodeInfo info(ServiceLine line);

    /**
     * Earlier accepted claims of the same patient. {@link ClaimHistory#NONE} when no history is configured, and
     * always for a rule whose {@link RuleInfo#history()} is false.
     */
    ClaimHistory history();

    /** A parameter from the pack, or {@code fallback} when the pack does not set it. */
    String param(String name, String fallback);

    /** An integer parameter from the pack, or {@code fallback}. */
    int intParam(String name, int fallback);

    /** A comma-separated list parameter (parsed once per context, then reused; the list is unmodifiable). */
    List<String> listParam(String name, List<String> fallback);

    /**
     * A value the rule derives from its parameters (a compiled matcher, a parsed set), computed on first use
     * and kept for every later claim: parameters do not change while the engine lives.
     */
    <T> T memo(Object key, Supplier<T> make);

    /**
     * Like {@link #memo(Object, Supplier)}, for a value made from this context: a lambda that captures nothing is
     * one object for good, so asking for the value on every claim allocates nothing.
     */
    <T> T memo(Object key, Function<RuleContext, T> make);

    /** The value {@link #memo} keeps under {@code key}, or null before it is made. */
    <T> T memoized(Object key);

    /**
     * Reports a finding on a service line (null for the claim), pointing at an element (0: the whole segment) and
     * component (0: the whole element) of the segment with that ordinal in the file. The message says what is
     * wrong and how to fix it, and never contains PHI.
     */
    void report(ServiceLine line, int segment, int element, int component, String message);

    /**
     * Reports a finding at a severity no higher than {@code cap} (the pack's severity when it is lower): for a rule
     * whose finding is certain in one case and only a doubt in another.
     */
    void reportAtMost(Severity cap, ServiceLine line, int segment, int element, int component, String message);

    /** Reports a finding on a service line, pointing at an element of a segment. */
    default void report(ServiceLine line, int segment, int element, String message) {
        report(line, segment, element, 0, message);
    }

    /** Reports a claim-level finding pointing at the CLM segment. */
    default void report(Claim claim, String message) {
        report(null, claim.segment(), 0, 0, message);
    }
}
