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
 * @param processing where watchers keep the files they have claimed, each in a folder named by its id
 * @param id this watcher's name among the watchers of one inbox (its folder in {@code processing})
 */
public record WatchConfig(Path inbox, Path out, Path archive, Path error, long settleMs, int threads, String history,
                          Path processing, String id) {
    public WatchConfig {
        if (settleMs < 0) {
            throw new IllegalArgumentException("--settle-ms must not be negative: " + settleMs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1: " + threads);
        }
        if (id == null || id.isEmpty() || id.startsWith(".") || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("--id must be 1 to 64 letters, digits, '.', '_' or '-' and not start "
                    + "with '.': " + id);
        }
    }

    /** processing/ beside the inbox, and this host's name for the id. */
    public WatchConfig(Path inbox, Path out, Path archive, Path error, long settleMs, int threads, String history) {
        this(inbox, out, archive, error, settleMs, threads, history, beside(inbox).resolve("processing"), defaultId());
    }

    /** The folder of the files this watcher has claimed. */
    public Path claimed() {
        return processing.resolve(id);
    }

    static Path beside(Path inbox) {
        Path in = inbox.toAbsolutePath().normalize();
        return in.getParent() == null ? in : in.getParent();
    }

    /** The host name, cut to what an id may hold. */
    public static String defaultId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "watcher");
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "");
        return id.isEmpty() ? "watcher" : id.length() > 64 ? id.substring(0, 64) : id;
    }
}
