package io.toothcomb.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The files in the inbox, followed until each has settled: no longer written (its size, time and identity the
 * same for the settle time), or renamed in whole (created, never seen written, and quiet for
 * {@value #RENAME_GRACE_MS} ms). Fed by the watch loop's events and periodic listings, and used by that loop's
 * thread only.
 */
final class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());
    /** A renamed-in file is confirmed after this pause with no write seen (writes are reported a moment late). */
    static final long RENAME_GRACE_MS = 4;
    private static final List<String> PARTIAL_SUFFIXES = List.of(".tmp", ".part", ".filepart", ".crdownload",
            ".partial", ".swp");

    private final Path dir;
    private final long settleMs;
    /** Files being scrubbed: not candidates. */
    private final Set<Path> inFlight;
    /** Inbox files that failed for a reason not theirs: not taken again before this time. */
    private final Map<Path, Long> notBefore;
    private final Map<Path, Candidate> candidates = new HashMap<>();

    /** Candidate file in the inbox. */
    private static final class Candidate {
        long size = -1;
        long mtime = -1;
        Object key;
        long stableSince;
        long createdAt;
        boolean createdOnly;
        boolean modified;
        /** Seen with another size or time than at the look before: written in place. */
        boolean grew;
    }

    Inbox(Path dir, long settleMs, Set<Path> inFlight, Map<Path, Long> notBefore) {
        this.dir = dir;
        this.settleMs = settleMs;
        this.inFlight = inFlight;
        this.notBefore = notBefore;
    }

    /** A file worth following: not hidden, not a partial download or editor file. */
    static boolean eligible(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("~")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String s : PARTIAL_SUFFIXES) {
            if (lower.endsWith(s)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return candidates.isEmpty();
    }

    /** A file given back to the inbox (changed while read): followed again from {@code now}. */
    void again(Path back, long now) {
        Candidate c = new Candidate();
        c.stableSince = now;
        candidates.put(back, c);
    }

    /** A watch event on {@code p} at {@code at}: created (a rename or a new file), or else modified. */
    void event(Path p, boolean created, long at) {
        if (!eligible(p) || inFlight.contains(p)) {
            return;
        }
        Candidate c = candidates.get(p);
        if (created) {
            // the periodic rescan may have listed a renamed-in file before its create event came;
            // unless it has been seen changing since, it is still a rename, not a write in place
            if (c == null || (!c.modified && !c.grew)) {
                if (c == null) {
                    c = new Candidate();
                    candidates.put(p, c);
                }
                c.createdOnly = true;
                c.createdAt = at;
                c.stableSince = at;
            }
        } else {
            if (c == null) {
                c = new Candidate();
                c.stableSince = at;
                candidates.put(p, c);
            }
            c.modified = true;
            c.createdOnly = false;
        }
    }

    /** Milliseconds until the next candidate may have settled (at most 100). */
    long nextDue() {
        long now = System.currentTimeMillis();
        long due = Long.MAX_VALUE;
        for (Candidate c : candidates.values()) {
            long t = c.createdOnly ? c.createdAt + RENAME_GRACE_MS : c.stableSince + settleMs;
            due = Math.min(due, Math.max(1, t - now));
        }
        return Math.min(due, 100);
    }

    /** Lists the inbox: files gone are forgotten, new ones followed from {@code now}. */
    void rescan(long now) {
        Set<Path> present = new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Inbox::eligible).forEach(present::add);
        } catch (IOException e) {
            LOG.warning("cannot list " + dir + ": " + e.getMessage());
            return;
        }
        candidates.keySet().retainAll(present);
        for (Path p : present) {
            if (!candidates.containsKey(p) && !inFlight.contains(p) && Files.isRegularFile(p)) {
                Candidate c = new Candidate();
                c.stableSince = now;
                candidates.put(p, c);
            }
        }
    }

    /**
     * Looks at each candidate again: the files that have settled (or were renamed in whole) are returned, and no
     * longer followed.
     */
    List<Path> settled(long now) {
        List<Path> ready = new ArrayList<>();
        for (var it = candidates.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Candidate c = e.getValue();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(e.getKey(), BasicFileAttributes.class);
            } catch (IOException gone) {
                it.remove();
                continue;
            }
            if (!a.isRegularFile()) {
                it.remove();
                continue;
            }
            long mtime = a.lastModifiedTime().toMillis();
            boolean changed = a.size() != c.size || mtime != c.mtime || !java.util.Objects.equals(a.fileKey(), c.key);
            boolean firstLook = c.size < 0;
            if (changed) {
                c.size = a.size();
                c.mtime = mtime;
                c.key = a.fileKey();
                if (!firstLook) {
                    c.stableSince = now;
                    c.createdOnly = false; // it grew: someone is writing it in place
                    c.grew = true;
                }
            }
            boolean renamedIn = c.createdOnly && !c.modified && c.size > 0 && now >= c.createdAt + RENAME_GRACE_MS
                    && !changed;
            boolean settled = !changed && now - c.stableSince >= settleMs;
            Long wait = notBefore.get(e.getKey());
            if (wait != null && now < wait) {
                continue; // failed for a reason not its own: retried later
            }
            if (renamedIn || settled) {
                ready.add(e.getKey());
                it.remove();
            }
        }
        return ready;
    }
}
