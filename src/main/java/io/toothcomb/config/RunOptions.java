package io.toothcomb.config;

import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.engine.RulePack;
import io.toothcomb.writers.AtomicOutput;
import java.io.IOException;
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
     * The configuration (the file, then the environment, then these options and {@code history}, each over the one
     * before), put to work: the log set up ({@code defaultLevel} unless the configuration names one) and the
     * outputs' permissions ({@code output.mode}, when set, over the umask).
     */
    public Settings apply(Map<String, String> env, String history, String defaultLevel) throws ConfigException {
        Settings s = Settings.load(config, env)
                .withOption("log.file", logFile == null ? null : logFile.toString(), "--log-file")
                .withOption("log.level", logLevel, "--log-level")
                .withOption("log.format", logFormat, "--log-format")
                .withOption("packs", packs == null ? null : packs.toString(), "--packs")
                .withOption("history", history, "--history");
        Logs.configure(s.logs(defaultLevel));
        AtomicOutput.permissions(s.outputMode());
        return s;
    }

    /**
     * The rules: the bundled packs and those of the configured packs folder, over the code set with the code files
     * of {@code --codes} (or, without it, of the configuration's {@code codes}).
     *
     * @throws ConfigException for a pack, code file or folder that cannot be used; the message says which and why
     */
    public RuleEngine engine(Settings s) throws ConfigException {
        Path packDir = s.path("packs");
        try {
            return RuleEngine.load(packDir, codes.isEmpty() ? s.codeFiles() : codes);
        } catch (RulePack.PackException e) {
            throw new ConfigException("rule pack or code set error: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read rule packs in " + packDir + " or code files: " + e.getMessage());
        }
    }
}
