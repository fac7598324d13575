package io.toothcomb.config;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every long-running command shares: the configuration file and the log. */
public final class RunOptions {
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
