package io.toothcomb.rules;

import io.toothcomb.model.Claim;
import java.util.List;

/**
 * A scrubbing rule: looks at one claim (never at bytes) and reports what it finds through the context.
 * Implementations carry {@link RuleInfo}, have a public no-argument constructor and keep no state between claims;
 * parameters come from the pack through the context. The bundled ones live in {@code io.toothcomb.rules.checks}
 * and are listed in {@code RuleRegistry.BUNDLED}; a plugin rule lives in its own jar, which names it in
 * {@code META-INF/services/io.toothcomb.rules.Rule}, or in a module that {@code provides io.toothcomb.rules.Rule}
 * ({@link java.util.ServiceLoader}; docs/rules.md, "Plugin rules"). What a plugin rule uses is this package (the
 * rule SPI: {@link RuleInfo}, {@link Param}, {@link ParamType}, {@link Severity}, {@link RuleContext},
 * {@link ClaimHistory}, {@link Finding}), the claim model ({@code io.toothcomb.model}) and the code set
 * ({@code io.toothcomb.codes}).
 */
public interface Rule {
    void check(Claim claim, RuleContext context);

    /**
     * The procedure codes without which this rule has nothing to say about a claim, or null (the default) when
     * it may report on any claim. Entries are written as in the packs' code lists: a code ({@code D1354}) or a
     * code-set flag ({@code flag:apexification}, every code that carries it on any date); a rule about a column
     * of the code set lists the codes it picks ({@code CodeSet#codesWhere}). The engine asks once
     * per configured rule, and then skips the rule for a claim none of whose lines bills one of these codes: most
     * claims bill none of the codes a code-specific rule is about, and calling it only to find that out was a
     * third of the rules' time. A rule that names triggers must report nothing on a claim without them
     * ({@code RuleTriggersTest} checks this on a generated batch).
     */
    default List<String> triggers(RuleContext context) {
        return null;
    }
}
