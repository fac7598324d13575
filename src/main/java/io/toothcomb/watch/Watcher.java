package io.toothcomb.watch;

import io.toothcomb.history.HistoryScrub;
import io.toothcomb.history.HistorySession;
import io.toothcomb.history.HistoryStore;
import io.toothcomb.model.Interchange;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.scrub.Output;
import io.toothcomb.scrub.ScrubListener;
import io.toothcomb.scrub.ScrubOptions;
import io.toothcomb.scrub.ScrubSummary;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.writers.AtomicOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.FilenameUtils;

/**
 * Watches an inbox folder and scrubs every complete 837D file dropped into it.
 *
 * <p><b>When a file is complete.</b> A file renamed into the inbox (the safe way to deliver: write
 * {@code .name.tmp}, then rename) is taken at once: the watch service reports it created and never modified.
 * A file written in place is taken once its size and modification time have not changed for the settle time.
 * Hidden files and {@code .tmp}/{@code .part}/{@code .filepart}/{@code .crdownload} files are never taken. A
 * periodic rescan catches what the watch service misses. Should a file still change while it is read, its
 * outputs are thrown away and it waits again.
 *
 * <p><b>Crash safety.</b> Outputs are written to hidden names and renamed into place, so none is ever seen
 * half-written. Each file goes through: (1) its interchanges are claimed in the history ({@code pending}),
 * (2) it is scrubbed and its outputs committed, (3) its accepted claims are recorded and its interchanges marked
 * {@code done}, in one transaction, (4) it is renamed into {@code archive/}. After a kill at any moment, a file
 * still in the inbox is scrubbed again (its outputs replaced atomically; the history replaces what a claim with
 * the same CLM01 recorded, so nothing is counted twice), unless step 3 committed for this very file (same name,
 * size, time and inode), in which case its outputs are complete and it is only moved. Without a history the
 * file is simply scrubbed again. A file is never deleted and is always in exactly one of inbox, archive, error.
 *
 * <p><b>Duplicates.</b> A file bringing an interchange (ISA06 sender + ISA13 control number) that an earlier
 * file brought is not scrubbed: it is answered with {@code NAME.ta1} (TA1, TA104 R, TA105 025 duplicate
 * interchange control number) and archived.
 */
public final class Watcher {
    private static final Logger LOG = Logger.getLogger(Watcher.class.getName());
    /** A renamed-in file is confirmed after this pause with no write seen (writes are reported a moment late). */
    static final long RENAME_GRACE_MS = 4;
    private static final List<String> PARTIAL_SUFFIXES = List.of(".tmp", ".part", ".filepart", ".crdownload",
            ".partial", ".swp");

    private final WatchConfig config;
    private final RuleEngine prototype;
    private final ScrubOptions options;
    private final HistoryStore store;
    private final ExecutorService pool;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Path> retry = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Worker> workers;
    private final List<Worker> allWorkers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger done = new AtomicInteger();
    private volatile boolean stopping;
    private WatchService watchService;
    private Thread loop;

    private final class Worker {
        final Scrubber scrubber;
        final HistorySession session;

        Worker() {
            RuleEngine engine = prototype.copy();
            session = store == null ? null : new HistorySession(store);
            engine.history(session);
            scrubber = new Scrubber(engine, options);
        }
    }

    /** Candidate file in the inbox, followed by the loop thread only. */
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

    public Watcher(WatchConfig config, RuleEngine engine, ScrubOptions options) {
        this.config = config;
        this.prototype = engine;
        this.store = config.history() == null ? null : HistoryStore.open(config.history());
        // our answers' control numbers come from the history when there is one (unless configured otherwise)
        this.options = store == null ? options
                : options.withControls(options.controls().withHistory(store.controlSequence()));
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "toothcomb-watch-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                });
        this.workers = ThreadLocal.withInitial(() -> {
            Worker w = new Worker();
            allWorkers.add(w);
            return w;
        });
    }

    /** Files finished (archived or sent to error/) since start. */
    public int finished() {
        return done.get();
    }

    /** Creates the folders, cleans up after a crash and starts watching. */
    public void start() throws IOException {
        for (Path d : List.of(config.inbox(), config.out(), config.archive(), config.error())) {
            Files.createDirectories(d);
        }
        if (store != null) {
            for (String[] p : store.pending()) {
                Path f = config.inbox().resolve(p[2]);
                boolean same = false;
                try {
                    same = Files.exists(f) && HistoryScrub.identity(f).equals(p[3]);
                } catch (IOException ignored) {
                    // gone: release it
                }
                if (!same) {
                    store.release(new HistoryStore.InterchangeId(p[0], p[1]), p[3]);
                }
            }
        }
        watchService = config.inbox().getFileSystem().newWatchService();
        config.inbox().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        loop = new Thread(this::run, "toothcomb-watch-loop");
        loop.start();
        info("watching " + config.inbox() + " (outputs to " + config.out() + ", archive " + config.archive()
                + ", errors " + config.error() + ", " + config.threads() + " threads, settle " + config.settleMs()
                + " ms, history " + (store == null ? "off" : store.description()) + ")");
    }

    /** Stops taking files, finishes the files being scrubbed, and closes the history. */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            if (loop != null) {
                loop.join();
            }
            pool.shutdown();
            while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                info("waiting for " + inFlight.size() + " file(s) in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (store != null) {
                store.close();
            }
            info("stopped after " + done.get() + " file(s); files not yet taken stay in " + config.inbox());
            stopped.countDown();
        }
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** INFO to the log; while stopping straight to stderr, since the log handlers may already be closed by then. */
    private void info(String message) {
        if (stopping) {
            System.err.println("toothcomb: INFO: " + message);
        } else {
            LOG.info(message);
        }
    }

    // ------------------------------------------------------------------------------------------------ loop

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

    private void run() {
        Map<Path, Candidate> candidates = new HashMap<>();
        long rescanEvery = Math.max(200, Math.min(1000, config.settleMs() / 2));
        long nextRescan = 0;
        try {
            while (!stopping) {
                long now = System.currentTimeMillis();
                if (now >= nextRescan) {
                    rescan(candidates, now);
                    nextRescan = now + rescanEvery;
                }
                Path back;
                while ((back = retry.poll()) != null) {
                    Candidate c = new Candidate();
                    c.stableSince = now;
                    candidates.put(back, c);
                }
                evaluate(candidates, System.currentTimeMillis());
                long wait = candidates.isEmpty() ? rescanEvery : nextDue(candidates);
                WatchKey key = watchService.poll(Math.max(1, Math.min(wait, nextRescan - now)), TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                long at = System.currentTimeMillis();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        nextRescan = 0;
                        continue;
                    }
                    Path p = config.inbox().resolve((Path) ev.context());
                    if (!eligible(p) || inFlight.contains(p)) {
                        continue;
                    }
                    Candidate c = candidates.get(p);
                    if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
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
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.severe("the watch loop stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private long nextDue(Map<Path, Candidate> candidates) {
        long now = System.currentTimeMillis();
        long due = Long.MAX_VALUE;
        for (Candidate c : candidates.values()) {
            long t = c.createdOnly ? c.createdAt + RENAME_GRACE_MS : c.stableSince + config.settleMs();
            due = Math.min(due, Math.max(1, t - now));
        }
        return Math.min(due, 100);
    }

    private void rescan(Map<Path, Candidate> candidates, long now) {
        Set<Path> present = new HashSet<>();
        try (Stream<Path> s = Files.list(config.inbox())) {
            s.filter(Watcher::eligible).forEach(present::add);
        } catch (IOException e) {
            LOG.warning("cannot list " + config.inbox() + ": " + e.getMessage());
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

    private void evaluate(Map<Path, Candidate> candidates, long now) {
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
            boolean settled = !changed && now - c.stableSince >= config.settleMs();
            if (renamedIn || settled) {
                ready.add(e.getKey());
                it.remove();
            }
        }
        for (Path p : ready) {
            if (inFlight.add(p)) {
                pool.execute(() -> process(p));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ one file

    /** Thrown from the scrub when the file's interchange was received before. */
    private static final class Duplicate extends IOException {
        final Interchange interchange;
        final HistoryStore.InterchangeCheck first;

        Duplicate(Interchange ic, HistoryStore.InterchangeCheck first) {
            super("duplicate interchange");
            this.interchange = ic;
            this.first = first;
        }
    }

    /** Thrown when this very file was scrubbed and recorded before a restart: only the move is left. */
    private static final class AlreadyDone extends IOException {
        AlreadyDone() {
            super("already scrubbed");
        }
    }

    /** Thrown when the file changed while it was read. */
    private static final class Changed extends IOException {
        Changed() {
            super("changed while read");
        }
    }

    private void process(Path file) {
        String name = file.getFileName().toString();
        List<HistoryStore.InterchangeId> claimed = new ArrayList<>();
        String identity = null;
        long t0 = System.nanoTime();
        try {
            if (stopping || !Files.exists(file)) {
                return; // stays in the inbox for the next start
            }
            Worker w = workers.get();
            identity = HistoryScrub.identity(file);
            String id = identity;
            List<ScrubListener> extra = new ArrayList<>();
            if (store != null) {
                w.session.reset();
                extra.add(w.session);
                extra.add(new ScrubListener() {
                    @Override
                    public void interchangeStart(Interchange ic) throws IOException {
                        HistoryStore.InterchangeId iid = HistorySession.idOf(ic);
                        HistoryStore.InterchangeCheck check = store.claimInterchange(iid, name, id);
                        switch (check.state()) {
                            case NEW, RESUME_SCRUB -> claimed.add(iid);
                            case RESUME_MOVE -> throw new AlreadyDone();
                            case DUPLICATE -> throw new Duplicate(ic, check);
                        }
                    }
                });
            }
            HistoryScrub.Outcome o = HistoryScrub.run(w.scrubber, file, config.out(), extra, () -> {
                if (!HistoryScrub.identity(file).equals(id)) {
                    throw new Changed();
                }
            });
            ScrubSummary s = o.summary();
            if (o.unreadable()) {
                release(claimed, identity);
                copyBeside(config.out().resolve(Output.ACK_999.fileName(name)), config.error());
                Path to = moveInto(file, config.error());
                info(name + ": cannot be read as X12 837D (the 999 rejects the envelope; see "
                        + Output.ACK_999.fileName(name) + "); moved to " + to + ms(t0));
            } else {
                if (store != null) {
                    w.session.commit(name, identity);
                }
                Path to = moveInto(file, config.archive());
                info(name + ": " + s.claims() + " claims, " + s.accepted() + " accepted, " + s.rejected()
                        + " rejected (" + s.errors() + " errors, " + s.warnings() + " warnings); "
                        + (s.envelopeRejected() ? "999 rejects part of the envelope; " : "") + "archived as "
                        + to.getFileName() + ms(t0));
            }
            done.incrementAndGet();
        } catch (AlreadyDone e) {
            try {
                Path to = moveInto(file, config.archive());
                done.incrementAndGet();
                info(name + ": was scrubbed and recorded before the last stop; archived as " + to.getFileName());
            } catch (IOException m) {
                LOG.warning(name + ": cannot be moved to " + config.archive() + ": " + m.getMessage());
            }
        } catch (Duplicate d) {
            release(claimed, identity);
            try {
                Path ta1 = config.out().resolve(Output.baseName(name) + ".ta1");
                try (AtomicOutput f = new AtomicOutput(ta1)) {
                    Ta1Writer.write(d.interchange, options, f.stream());
                    f.commit();
                }
                Path to = moveInto(file, config.archive());
                done.incrementAndGet();
                info(name + ": DUPLICATE of interchange " + d.interchange.senderId().trim() + "/"
                        + d.interchange.controlNumber() + " first received in " + d.first.firstFile() + " at "
                        + d.first.firstReceived() + "; not scrubbed, answered with " + ta1.getFileName()
                        + " (TA1 R 025); archived as " + to.getFileName() + ms(t0));
            } catch (IOException e) {
                LOG.warning(name + ": duplicate, but its TA1 cannot be written: " + e.getMessage());
            }
        } catch (Changed c) {
            release(claimed, identity);
            info(name + ": changed while it was read; outputs discarded, waiting for it to settle");
            retry.add(file);
        } catch (NoSuchFileException gone) {
            release(claimed, identity);
            info(name + ": disappeared from the inbox before it was scrubbed");
        } catch (IOException | RuntimeException e) {
            release(claimed, identity);
            failed(file, e);
        } finally {
            inFlight.remove(file);
        }
    }

    private static String ms(long t0) {
        return String.format(Locale.ROOT, " (%.1f ms)", (System.nanoTime() - t0) / 1e6);
    }

    private void release(List<HistoryStore.InterchangeId> claimed, String identity) {
        if (store == null || identity == null) {
            return;
        }
        for (HistoryStore.InterchangeId id : claimed) {
            try {
                store.release(id, identity);
            } catch (RuntimeException e) {
                LOG.warning("cannot release interchange " + id.sender() + "/" + id.control() + ": " + e.getMessage());
            }
        }
        claimed.clear();
    }

    private void failed(Path file, Exception e) {
        String name = file.getFileName().toString();
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        try {
            Path note = config.error().resolve(name + ".error.txt");
            try (AtomicOutput f = new AtomicOutput(note)) {
                OutputStream o = f.stream();
                o.write(("toothcomb could not scrub " + name + ": " + reason + "\nNo outputs were written. Fix the "
                        + "file and drop it into the inbox again.\n").getBytes(StandardCharsets.UTF_8));
                f.commit();
            }
            Path to = moveInto(file, config.error());
            done.incrementAndGet();
            LOG.warning(name + ": cannot be scrubbed (" + reason + "); moved to " + to);
        } catch (IOException m) {
            LOG.warning(name + ": cannot be scrubbed (" + reason + ") nor moved to " + config.error() + ": "
                    + m.getMessage() + "; it stays in the inbox");
        }
    }

    /** Copies a file into {@code dir} under its own name, atomically. */
    private static void copyBeside(Path source, Path dir) throws IOException {
        if (!Files.exists(source)) {
            return;
        }
        try (AtomicOutput f = new AtomicOutput(dir.resolve(source.getFileName()))) {
            Files.copy(source, f.stream());
            f.commit();
        }
    }

    /**
     * Moves {@code file} into {@code dir} by an atomic rename, under its own name or, when that is taken,
     * NAME~2.EXT, NAME~3.EXT …; nothing is ever overwritten.
     */
    static Path moveInto(Path file, Path dir) throws IOException {
        String name = file.getFileName().toString();
        String base = FilenameUtils.getBaseName(name);
        String ext = FilenameUtils.getExtension(name);
        for (int n = 1; ; n++) {
            Path target = dir.resolve(n == 1 ? name : base + "~" + n + (ext.isEmpty() ? "" : "." + ext));
            if (Files.exists(target)) {
                continue;
            }
            try {
                // no REPLACE_EXISTING: rename(2) would replace silently, so check again just before
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (AtomicMoveNotSupportedException e) {
                FileUtils.moveFile(file.toFile(), target.toFile()); // another file system: copy, then delete
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken meanwhile: next name
            }
        }
    }
}
