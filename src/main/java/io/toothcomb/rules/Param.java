package io.toothcomb.rules;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One parameter a rule takes from its pack line ({@code rule PATIENT-AGE max=20}), declared in
 * {@link RuleInfo#params()} the way PMD rules declare their properties: name, type, range and default. A pack
 * line naming an undeclared key, or a value its type or range refuses, fails when the pack is loaded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Param {
    /** The key on the pack line, e.g. {@code max}. */
    String name();

    ParamType type();

    /** The value the rule uses when the pack does not set it, written as on a pack line ("" when none). */
    String defaultValue() default "";

    /** Smallest value an {@link ParamType#INT} parameter takes. */
    long min() default 0;

    /** Largest value an {@link ParamType#INT} parameter takes. */
    long max() default Integer.MAX_VALUE;

    /** One line for the rule reference. */
    String description();
}
