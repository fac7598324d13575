/**
 * The rule SPI: what a plugin rule is written against. A rule implements {@link io.toothcomb.rules.Rule}, carries
 * {@link io.toothcomb.rules.RuleInfo} (id, summary, default {@link io.toothcomb.rules.Severity}, 277CA category
 * and status code, declared {@link io.toothcomb.rules.Param parameters} of a {@link io.toothcomb.rules.ParamType},
 * and {@link io.toothcomb.rules.RuleInfo#history() history = true} for a rule that reads the
 * {@link io.toothcomb.rules.ClaimHistory claim history}), has a public no-argument constructor, reads the claim
 * ({@link io.toothcomb.model}) and the code set ({@link io.toothcomb.codes}) and reports through its
 * {@link io.toothcomb.rules.RuleContext}; what it reports becomes a {@link io.toothcomb.rules.Finding}.
 *
 * <pre>{@code
 * @RuleInfo(id = "LINE-CHARGE-CAP", summary = "a service line charges more than the cap",
 *         severity = Severity.WARNING, category = "A7", statusCode = "178", source = "our payer contract",
 *         params = @Param(name = "max", type = ParamType.INT, defaultValue = "5000", min = 1,
 *                 description = "the largest line charge in whole dollars"))
 * public final class LineChargeCap implements Rule {
 *     public void check(Claim claim, RuleContext context) {
 *         int max = context.intParam("max", 5000);
 *         for (ServiceLine line : claim.lines()) {
 *             if (line.charge() != null && line.charge().intValue() > max) {
 *                 context.report(line, line.sv3Segment(), 2, "line charge above " + max);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>toothcomb finds plugin rules with {@link java.util.ServiceLoader}: a jar on the class path names its rule
 * classes in {@code META-INF/services/io.toothcomb.rules.Rule}, a module says
 * {@code provides io.toothcomb.rules.Rule with ...}. A pack line ({@code rule LINE-CHARGE-CAP max=2000}) runs it.
 * The rule engine, the packs and the bundled rules are internal.
 */
package io.toothcomb.rules;
