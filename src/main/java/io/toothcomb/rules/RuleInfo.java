package io.toothcomb.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Everything there is to know about a rule besides its code: the rule reference (docs/rules.md) and
 * {@code toothcomb rules} are generated from this.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable id used in packs and findings.json, e.g. TOOTH-REQUIRED. */
    String id();

    /** One line: what the rule catches. */
    String summary();

    /** Severity when the pack does not say otherwise. */
    Severity severity();

    /** 277CA claim status category when the finding rejects: A6 missing, A7 invalid, A8 relational. */
    String category();

    /** 277CA claim status code (code list 508), e.g. 244 tooth number or letter. */
    String statusCode();

    /** Where the rule comes from: a seed document, a payer policy, the X12 guide. */
    String source();

    /** Longer explanation for the rule reference: why payers reject, how to fix. */
    String explanation() default "";

    /** The parameters a pack line may set, with type, range and default; a pack setting any other key is refused. */
    Param[] params() default {};

    /**
     * True for a history rule: one that judges a claim against the patient's earlier accepted claims through
     * {@link RuleContext#history()}. Only a history rule is shown the claim history (any other sees
     * {@link ClaimHistory#NONE}); callers that replay a patient's claims in order (the embedding API's
     * {@code replayHistory}, the Spark job) re-run exactly these rules.
     */
    boolean history() default false;
}
