package io.toothcomb.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options the scrubbing commands ({@code scrub}, {@code watch}) share: the outputs folder, the rule packs and
 * code files, mending, the configuration file and the log.
 */
public final class RunOptions {
    @Option(names = "--out", required = true, paramLabel = "<folder>", description = "where the outputs go (created)")
    Path out;

    @Option(names = "--packs", paramLabel = "<folder>",
            description = "extra rule packs (*.pack) to load besides the bundled default, medicaid and commercial")
    Path packs;

    @Option(names = "--codes", paramLabel = "<file>",
            description = "code set rows (format v2, as cdt-codes.tsv) that add codes or replace the bundled rows of "
                    + "the codes they list; repeatable; *.codes and *.tsv files in --packs are read too")
    List<Path> codes = new ArrayList<>();

    @Option(names = "--fix",
            description = "mend what is mechanical (a per-tooth code billed as one line with quantity N and N teeth "
                    + "becomes N lines; a surface letter sent twice is sent once), each change an info finding; a "
                    + "mended claim is scrubbed again and accepted only when clean")
    boolean fix;

    @Option(names = "--config", paramLabel = "<file>",
            description = "configuration file (default: $TOOTHCOMB_CONFIG, else ~/.config/toothcomb/toothcomb.properties "
                    + "when it exists); see docs/configuration.md")
    Path config;

    @Option(names = "--log-file", paramLabel = "<file>", description = "write the log to this file (appended), not stderr")
    Path logFile;

    @Option(names = "--log-level", paramLabel = "<level>", description = "error, warn, info, debug or trace")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "<format>",
            description = "text (one line per event) or json (JSON lines, for log shippers)")
    String logFormat;

    /** Where the outputs go ({@code --out}). */
    public Path out() {
        return out;
    }

    /** The extra rule packs' folder ({@code --packs}), or null. */
    public Path packs() {
        return packs;
    }

    /** The code files given with {@code --codes}. */
    public List<Path> codes() {
        return codes;
    }

    /** {@code --fix}: mend what is mechanical. */
    public boolean fix() {
        return fix;
    }

    /**
     * The configuration: the file, then the environment, then these options (and {@code more}: key, value, option
     * name, three by three, a null value meaning not given), each over the one before.
     */
    public Settings settings(Map<String, String> env, String... more) throws ConfigException {
        Settings s = Settings.load(config, env)
                .withOption("log.file", logFile == null ? null : logFile.toString(), "--log-file")
                .withOption("log.level", logLevel, "--log-level")
                .withOption("log.format", logFormat, "--log-format");
        for (int i = 0; i + 2 < more.length; i += 3) {
            s = s.withOption(more[i], more[i + 1], more[i + 2]);
        }
        return s;
    }
}
