/**
 * The embedding API: scrub X12 837D files from your own Java code, in a clearinghouse batch job or a service.
 *
 * <p>{@link io.toothcomb.api.Toothcomb#builder()} makes an instance: the bundled rule packs and CDT code set,
 * plus your own {@linkplain io.toothcomb.api.Toothcomb.Builder#packs packs} and
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#codes code files}, a
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#history claim history}, the
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#clock clock}, the
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#outputs outputs} to write, our
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#ours sender and receiver ids}, the
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#controlNumbers control-number store} and
 * {@linkplain io.toothcomb.api.Toothcomb.Builder#fix mending}. An instance then
 * <ul>
 * <li>{@linkplain io.toothcomb.api.Toothcomb#scrub(java.nio.file.Path, java.nio.file.Path) writes the outputs}
 *     (999, 277CA, findings.json, annotated XML, listing, ...) and returns the counts as a
 *     {@link io.toothcomb.api.ScrubResult};</li>
 * <li>{@linkplain io.toothcomb.api.Toothcomb#report returns what it found} as plain immutable values: a
 *     {@link io.toothcomb.api.FileReport} with the 999's envelope verdicts, the claims
 *     ({@link io.toothcomb.api.ClaimReport}, patients only as a salted hash) and their findings
 *     ({@link io.toothcomb.api.FindingReport});</li>
 * <li>or {@linkplain io.toothcomb.api.Toothcomb#scrub(java.nio.file.Path, io.toothcomb.api.ClaimListener) hands
 *     each claim to a listener} of yours ({@link io.toothcomb.api.ClaimListener}), for files of any size.</li>
 * </ul>
 *
 * <p>An example (the test {@code com.example.EmbeddingExampleTest} runs this very text on a sample file):
 *
 * <pre>{@code
 * List<String> lines = new ArrayList<>();
 * try (Toothcomb tc = Toothcomb.builder()
 *         .controlNumbers(ControlNumberStore.startingAt(1))
 *         .ours(new OurIds("ZZ", "MYCLEARINGHOUSE", null, null, "MYCLEARINGHOUSE", null))
 *         .build()) {
 *     ScrubResult r = tc.scrub(input, outDir); // writes NAME.999, NAME.277, NAME.findings.json ... into outDir
 *     lines.add(r.file() + ": " + r.claims() + " claims, " + r.rejected() + " rejected");
 *     FileReport report = tc.report(input);    // the same scrub, as plain values
 *     for (ClaimReport claim : report.claims()) {
 *         for (FindingReport f : claim.findings()) {
 *             lines.add(claim.claimId() + " " + f.severity() + " " + f.rule() + ": " + f.message());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Rules of your own are written against the rule SPI, {@link io.toothcomb.rules}; they read the claim model,
 * {@link io.toothcomb.model}, and the code set, {@link io.toothcomb.codes}. These four packages are all that the
 * module {@code io.toothcomb} exports; the rest is internal and may change in any release.
 *
 * <p>Threads: an instance is not thread-safe; make one per thread. Claims carry PHI: toothcomb never logs names,
 * member ids or birth dates, and the values of this package carry none.
 */
package io.toothcomb.api;
