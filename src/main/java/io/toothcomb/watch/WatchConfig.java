package io.toothcomb.watch;

import java.nio.file.Path;

/**
 * How a watcher runs.
 *
 * @param inbox folder watched for 837D files
 * @param out where outputs go (as {@code scrub} writes them)
 * @param archive where a scrubbed (or duplicate) file goes
 * @param error where a file that cannot be read at all goes, with its 999 or a note
 * @param settleMs how long a file written in place must keep its size and time before it is read
 * @param threads files scrubbed at once
 * @param history folder or JDBC URL of the claim history, or null for none
 */
public record WatchConfig(Path inbox, Path out, Path archive, Path error, long settleMs, int threads, String history) {
    public WatchConfig {
        if (settleMs < 0) {
            throw new IllegalArgumentException("--settle-ms must not be negative: " + settleMs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1: " + threads);
        }
    }
}
