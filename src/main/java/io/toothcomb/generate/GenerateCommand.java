package io.toothcomb.generate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code toothcomb generate --claims N [--seed S] [--out FILE]}: writes a synthetic 837D batch. */
@Command(name = "generate",
        description = {
                "Writes a deterministic synthetic 837D (005010X224A2) batch for load tests and benchmarks: "
                        + "one interchange, one functional group, at most --per-transaction claims per ST.",
                "The same --claims, --seed, --per-transaction and --defect-rate always give the same bytes."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--claims", required = true, paramLabel = "N", description = "Number of claims (CLM) to write.")
    int claims;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output file, written to a temporary file and moved into place (default: standard output).")
    Path out;

    @Option(names = "--defect-rate", defaultValue = "0.04", paramLabel = "R",
            description = "Fraction of claims carrying one injected defect: missing tooth, invalid tooth, "
                    + "D1354 quantity > 1, D1354 with several teeth (default: ${DEFAULT-VALUE}).")
    double defectRate;

    @Option(names = "--per-transaction", defaultValue = "5000", paramLabel = "N",
            description = "Maximum claims per ST transaction (default: ${DEFAULT-VALUE}).")
    int perTransaction;

    /**
     * Where the batch goes when no --out is given: the standard output descriptor itself rather than
     * {@code System.out}, whose PrintStream swallows write errors (a closed pipe would otherwise go unnoticed).
     */
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    /** Where the one-line summary goes. */
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws Exception {
        if (claims < 1) {
            throw new ParameterException(spec.commandLine(), "--claims must be at least 1");
        }
        SyntheticBatch.Options options;
        try {
            options = new SyntheticBatch.Options(perTransaction, defectRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        SyntheticBatch.Summary s = out == null
                ? SyntheticBatch.write(claims, seed, options, stdout)
                : SyntheticBatch.write(claims, seed, options, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        stderr.println(String.format(Locale.ROOT,
                "generate: %d claims, %d service lines, %d transactions, %d defects, %.1f MB to %s in %.2f s (%.0f claims/s)",
                s.claims(), s.serviceLines(), s.transactions(), s.totalDefects(), s.bytes() / 1e6,
                out == null ? "stdout" : out.toString(), seconds, s.claims() / Math.max(seconds, 1e-9)));
        return 0;
    }
}
