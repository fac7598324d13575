package io.toothcomb.rules;

import io.toothcomb.model.Claim;

/**
 * A scrubbing rule: looks at one claim (never at bytes) and reports what it finds through the context.
 * Implementations live in {@code io.toothcomb.rules.checks}, carry {@link RuleInfo}, have a public no-argument
 * constructor and keep no state between claims; parameters come from the pack through the context.
 */
public interface Rule {
    void check(Claim claim, RuleContext context);
}
