package io.toothcomb.watch;

import io.toothcomb.history.HistoryScrub;
import io.toothcomb.history.HistorySession;
import io.toothcomb.history.HistoryStore;
import io.toothcomb.model.Interchange;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.TempFiles;
import io.toothcomb.writers.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
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
import java.util.stream.Stream;

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
    /**
     * Through SLF4J, not java.util.logging: the JDK's logging is reset by its own shutdown hook, so a file's line
     * written while a SIGTERM stops the watcher could be lost between its move to archive/ and the stop.
     */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Watcher.class);

    private final WatchConfig config;
    private final RuleEngine prototype;
    private final ScrubOptions options;
    private final HistoryStore store;
    private final Path claimedDir;
    private final ExecutorService pool;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Path> retry = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Worker> workers;
    private final List<Worker> allWorkers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger done = new AtomicInteger();
    /** Inbox files that failed for a reason not theirs (history, disk): not taken again before this time. */
    private final Map<Path, Long> notBefore = new ConcurrentHashMap<>();
    private final Map<Path, Integer> failures = new ConcurrentHashMap<>();
    /** Claimed files being scrubbed, for the heartbeat. */
    private final Set<String> scrubbing = ConcurrentHashMap.newKeySet();
    /** Where a file goes: claimed under its answer name, archived, to error/, back to the inbox. */
    private final Filing filing;
    private volatile boolean stopping;
    /** How long stop() waits for the files in flight to stop at their next claim before it throws them away. */
    static final long STOP_WAIT_MS = 8_000;
    /** How often the heartbeat file is written. */
    static final long HEARTBEAT_MS = 5_000;
    private java.nio.channels.FileChannel lockChannel;
    private java.nio.channels.FileLock lock;
    private java.util.concurrent.ScheduledExecutorService heartbeat;
    private final long startedAt = System.currentTimeMillis();
    private WatchService watchService;
    private Thread loop;

    private final class Worker {
        final Scrubber scrubber;
        final HistorySession session;

        Worker() {
            RuleEngine engine = prototype.copy();
            session = store == null ? null : HistorySession.forRules(store, engine);
            engine.history(session);
            scrubber = new Scrubber(engine, options);
        }
    }

    public Watcher(WatchConfig config, RuleEngine engine, ScrubOptions options) {
        this.config = config;
        this.prototype = engine;
        this.store = config.history() == null ? null : HistoryStore.open(config.history());
        this.claimedDir = config.claimed();
        this.filing = new Filing(config, this::info);
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

    /**
     * Checks the folders (each must exist or be creatable, and take a new file), locks this watcher's claim folder,
     * removes the temporary files a killed run left, releases what the history holds for files that are gone,
     * takes again the files this watcher had claimed when it stopped, and starts watching.
     *
     * @throws Folders.Unusable a folder cannot be used, or another watcher with this id is running
     */
    public void start() throws IOException {
        Folders.requireWritable(config.inbox(), "the inbox");
        Folders.requireWritable(config.out(), "the output folder (--out)");
        Folders.requireWritable(config.archive(), "the archive folder (--archive)");
        Folders.requireWritable(config.error(), "the error folder (--error)");
        Folders.requireWritable(claimedDir, "the claim folder (--processing/--id)");
        lockClaims();
        int stale = 0;
        for (Path d : List.of(config.out(), config.archive(), config.error())) {
            stale += TempFiles.removeStale(d).size();
        }
        if (stale > 0) {
            info("removed " + stale + " unfinished temporary file(s) that a stopped or killed run left behind");
        }
        if (store != null) {
            for (String[] p : store.pending()) {
                boolean same = false;
                for (Path f : List.of(claimedDir.resolve(p[2]), config.inbox().resolve(p[2]))) {
                    try {
                        same |= Files.exists(f) && HistoryScrub.identity(f).equals(p[3]);
                    } catch (IOException ignored) {
                        // gone: release it
                    }
                }
                if (!same) {
                    store.release(new HistoryStore.InterchangeId(p[0], p[1]), p[3]);
                }
            }
        }
        List<Path> resumed;
        try (Stream<Path> s = Files.list(claimedDir)) {
            resumed = s.filter(Inbox::eligible).filter(Files::isRegularFile).sorted().toList();
        }
        watchService = config.inbox().getFileSystem().newWatchService();
        config.inbox().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        for (Path f : resumed) {
            inFlight.add(f);
            pool.execute(() -> process(f, f));
        }
        loop = new Thread(this::run, "toothcomb-watch-loop");
        loop.start();
        heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "toothcomb-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(() -> writeStatus("running"), 0, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        info("watching " + config.inbox() + " as watcher '" + config.id() + "' (outputs to " + config.out()
                + ", archive " + config.archive() + ", errors " + config.error() + ", claimed files in " + claimedDir
                + ", " + config.threads() + " threads, settle " + config.settleMs() + " ms, history "
                + (store == null ? "off" : store.description()) + ")"
                + (resumed.isEmpty() ? "" : "; taking again " + resumed.size() + " file(s) claimed before the last stop"));
    }

    /** One watcher per claim folder: a second one with the same id would take the first one's files for its own. */
    private void lockClaims() throws IOException {
        Path f = claimedDir.resolve(".lock");
        lockChannel = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new Folders.Unusable("another watcher with the id '" + config.id() + "' is running on this inbox ("
                    + claimedDir + " is locked; see 'toothcomb status " + config.inbox() + "'): stop it, or give this "
                    + "one its own --id");
        }
    }

    /**
     * The heartbeat: {@code .status} in the claim folder, rewritten every {@value #HEARTBEAT_MS} ms while running
     * ({@code toothcomb status} reads it). Key=value lines, no PHI: state, pid, host, times, counts.
     */
    private void writeStatus(String state) {
        String text = "state=" + state + "\nid=" + config.id() + "\npid=" + ProcessHandle.current().pid()
                + "\nhost=" + WatchConfig.defaultId() + "\ninbox=" + config.inbox() + "\nstarted="
                + java.time.Instant.ofEpochMilli(startedAt) + "\nupdated=" + java.time.Instant.now() + "\nupdatedMillis="
                + System.currentTimeMillis() + "\nheartbeatMillis=" + HEARTBEAT_MS + "\nfinished=" + done.get()
                + "\ninFlight=" + scrubbing.size() + "\n";
        try (AtomicOutput f = new AtomicOutput(claimedDir.resolve(".status"))) {
            f.stream().write(text.getBytes(StandardCharsets.UTF_8));
            f.commit();
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                LOG.warn("cannot write the heartbeat " + claimedDir.resolve(".status") + ": "
                        + (e instanceof IOException io ? Folders.words(io, claimedDir) : e.toString()));
            }
        }
    }

    /**
     * Stops taking files and stops the files being scrubbed at their next claim or transaction set: their
     * unfinished outputs are thrown away and they go back to the inbox, to be taken again (by this watcher after a
     * restart, or by another one). Returns within about {@value #STOP_WAIT_MS} ms whatever the file sizes: what has
     * not stopped by then has its temporary outputs deleted and stays in the claim folder, taken again at the next
     * start.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        boolean clean = true;
        try {
            if (loop != null) {
                loop.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
            pool.shutdown();
            if (!inFlight.isEmpty()) {
                info("stopping " + inFlight.size() + " file(s) in flight at their next claim");
            }
            clean = pool.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } finally {
            if (!clean) {
                List<Path> thrown = AtomicOutput.abortAllOpen();
                info("gave up waiting after " + STOP_WAIT_MS / 1000 + " s: " + thrown.size() + " unfinished output(s) "
                        + "removed; the file(s) in flight stay in " + claimedDir + " and are taken again at the next start");
            }
            if (store != null && clean) {
                store.close();
            }
            if (lock != null) {
                writeStatus("stopped");
            }
            try {
                if (lock != null) {
                    lock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException ignored) {
                // the lock goes with the process
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

    private void run() {
        Inbox inbox = new Inbox(config.inbox(), config.settleMs(), inFlight, notBefore);
        long rescanEvery = Math.max(200, Math.min(1000, config.settleMs() / 2));
        long nextRescan = 0;
        try {
            while (!stopping) {
                long now = System.currentTimeMillis();
                if (now >= nextRescan) {
                    inbox.rescan(now);
                    nextRescan = now + rescanEvery;
                }
                Path back;
                while ((back = retry.poll()) != null) {
                    inbox.again(back, now);
                }
                for (Path p : inbox.settled(System.currentTimeMillis())) {
                    if (inFlight.add(p)) {
                        pool.execute(() -> process(p, null));
                    }
                }
                long wait = inbox.isEmpty() ? rescanEvery : inbox.nextDue();
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
                    inbox.event(config.inbox().resolve((Path) ev.context()),
                            ev.kind() == StandardWatchEventKinds.ENTRY_CREATE, at);
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the watch loop stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
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

    /** Thrown from the scrub at the next claim or transaction set once the watcher is stopping. */
    private static final class Stopping extends IOException {
        Stopping() {
            super("the watcher is stopping");
        }
    }

    /**
     * One file: claimed (unless {@code claimed} is given: a file this watcher claimed before a restart), scrubbed,
     * recorded, archived. What fails for a reason that is not the file's (the history, a full disk, the output
     * folder) sends it back to the inbox to be tried again later; only a file that cannot be read, or that
     * toothcomb itself fails on, goes to error/.
     */
    private void process(Path inboxFile, Path claimed) {
        String name = (claimed != null ? claimed : inboxFile).getFileName().toString();
        List<HistoryStore.InterchangeId> claimedIds = new ArrayList<>();
        String identity = null;
        long t0 = System.nanoTime();
        Path file = claimed;
        try {
            if (stopping) {
                return; // stays where it is for the next start
            }
            if (file == null) {
                if (!Files.exists(inboxFile)) {
                    return;
                }
                file = filing.claim(inboxFile);
                if (file == null) {
                    LOG.debug(name + ": taken by another watcher");
                    return;
                }
                name = file.getFileName().toString();
            }
            scrubbing.add(name);
            if (!Files.isReadable(file)) {
                unreadable(file, "it cannot be read by user " + System.getProperty("user.name")
                        + ": make it readable and drop it into the inbox again");
                return;
            }
            Worker w = workers.get();
            identity = HistoryScrub.identity(file);
            String id = identity;
            String claimName = name;
            Path claimedFile = file;
            List<ScrubListener> extra = new ArrayList<>();
            extra.add(new ScrubListener() { // stops the scrub at the next claim or set once the watcher is stopping
                @Override
                public void transactionStart(io.toothcomb.model.TransactionHeader h,
                                             io.toothcomb.loader.TransactionAck ack) throws IOException {
                    if (stopping) {
                        throw new Stopping();
                    }
                }

                @Override
                public void claim(io.toothcomb.result.ClaimResult r) throws IOException {
                    if (stopping) {
                        throw new Stopping();
                    }
                }
            });
            if (store != null) {
                w.session.reset();
                extra.add(w.session);
                extra.add(new ScrubListener() {
                    @Override
                    public void interchangeStart(Interchange ic) throws IOException {
                        HistoryStore.InterchangeId iid = HistorySession.idOf(ic);
                        HistoryStore.InterchangeCheck check = store.claimInterchange(iid, claimName, id);
                        switch (check.state()) {
                            case NEW, RESUME_SCRUB -> claimedIds.add(iid);
                            case RESUME_MOVE -> throw new AlreadyDone();
                            case DUPLICATE -> throw new Duplicate(ic, check);
                        }
                    }
                });
            }
            HistoryScrub.Outcome o = HistoryScrub.run(w.scrubber, file, config.out(), extra, () -> {
                if (stopping) {
                    throw new Stopping();
                }
                if (!HistoryScrub.identity(claimedFile).equals(id)) {
                    throw new Changed();
                }
            });
            ScrubSummary s = o.summary();
            if (o.unreadable()) {
                release(claimedIds, identity);
                Filing.copyBeside(config.out().resolve(Output.ACK_999.fileName(name)), config.error());
                Path to = Filing.moveInto(file, config.error());
                info(name + ": cannot be read as X12 837D (the 999 rejects the envelope; see "
                        + Output.ACK_999.fileName(name) + "); moved to " + to + ms(t0));
            } else {
                if (store != null) {
                    w.session.commit(name, identity);
                }
                Path to = Filing.moveInto(file, config.archive());
                info(name + ": " + s.claims() + " claims, " + s.accepted() + " accepted, " + s.rejected()
                        + " rejected (" + s.errors() + " errors, " + s.warnings() + " warnings); "
                        + (s.envelopeRejected() ? "999 rejects part of the envelope; " : "") + "archived as "
                        + to.getFileName() + ms(t0));
            }
            done.incrementAndGet();
            notBefore.remove(inboxFile);
            failures.remove(inboxFile);
        } catch (AlreadyDone e) {
            try {
                Path to = Filing.moveInto(file, config.archive());
                done.incrementAndGet();
                info(name + ": was scrubbed and recorded before the last stop; archived as " + to.getFileName());
            } catch (IOException m) {
                LOG.warn(name + ": cannot be moved to " + config.archive() + ": " + Folders.words(m, config.archive()));
            }
        } catch (Duplicate d) {
            release(claimedIds, identity);
            try {
                Path ta1 = config.out().resolve(Output.baseName(name) + ".ta1");
                try (AtomicOutput f = new AtomicOutput(ta1)) {
                    Ta1Writer.write(d.interchange, options, f.stream());
                    f.commit();
                }
                Path to = Filing.moveInto(file, config.archive());
                done.incrementAndGet();
                info(name + ": DUPLICATE of interchange " + d.interchange.senderId().trim() + "/"
                        + d.interchange.controlNumber() + " first received in " + d.first.firstFile() + " at "
                        + d.first.firstReceived() + "; not scrubbed, answered with " + ta1.getFileName()
                        + " (TA1 R 025); archived as " + to.getFileName() + ms(t0));
            } catch (IOException e) {
                giveBack(inboxFile, file, name, "its TA1 (duplicate) cannot be written: "
                        + Folders.words(e, config.out()));
            }
        } catch (Changed c) {
            release(claimedIds, identity);
            info(name + ": changed while it was read; outputs discarded, waiting for it to settle");
            Path back = filing.backToInbox(file, name);
            if (back != null) {
                retry.add(back);
            }
        } catch (NoSuchFileException gone) {
            release(claimedIds, identity);
            info(name + ": disappeared before it was scrubbed");
        } catch (IOException | RuntimeException e) {
            release(claimedIds, identity);
            if (stopping || AtomicOutput.shuttingDown()) {
                if (file != null && filing.backToInbox(file, name) != null) {
                    info(name + ": stopped while being scrubbed; its unfinished outputs were removed and it is back in "
                            + "the inbox, to be taken again");
                } else if (file != null) {
                    info(name + ": stopped while being scrubbed; its unfinished outputs were removed; it stays in "
                            + claimedDir + " and is taken again at the next start");
                }
            } else if (e instanceof io.toothcomb.history.HistoryException h) {
                giveBack(inboxFile, file, name, "the claim history failed (" + h.getMessage() + "); the file is not "
                        + "at fault");
            } else if (e instanceof IOException io) {
                giveBack(inboxFile, file, name, Folders.words(io, config.out()));
            } else if (file != null) {
                failed(file, e);
            }
        } finally {
            if (store != null) {
                workers.get().session.reset(); // a file that failed: what its batches wrote is rolled back
            }
            inFlight.remove(claimed != null ? claimed : inboxFile);
            scrubbing.remove(name);
        }
    }

    /**
     * A failure that is not the file's: back to the inbox, tried again after 5 s, 10 s, 20 s ... up to 5 minutes.
     */
    private void giveBack(Path inboxFile, Path file, String name, String why) {
        Path back = file == null ? inboxFile : filing.backToInbox(file, name);
        if (back == null) {
            LOG.warn(name + ": " + why + "; it stays in " + claimedDir + " and is taken again at the next start");
            return;
        }
        int n = failures.merge(back, 1, Integer::sum);
        long delay = Math.min(300_000L, 5_000L << Math.min(6, n - 1));
        notBefore.put(back, System.currentTimeMillis() + delay);
        LOG.warn(name + ": cannot be scrubbed now: " + why + "; no outputs were written, it is back in the inbox "
                + "and is tried again in " + delay / 1000 + " s");
    }

    /** A file that cannot be read goes to error/ with a note saying why. */
    private void unreadable(Path file, String why) throws IOException {
        String name = file.getFileName().toString();
        filing.writeNote(name, name + " " + why + "\n");
        Path to = Filing.moveInto(file, config.error());
        done.incrementAndGet();
        LOG.warn(name + ": " + why + "; moved to " + to);
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
                LOG.warn("cannot release interchange " + id.sender() + "/" + id.control() + ": " + e.getMessage());
            }
        }
        claimed.clear();
    }

    /** toothcomb itself failed on the file (a bug, not the file's fault): error/ with a note asking for a report. */
    private void failed(Path file, Exception e) {
        String name = file.getFileName().toString();
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        try {
            filing.writeNote(name, "could not scrub " + name + " because of an internal error (" + reason + "). No outputs "
                    + "were written. Please report it with the file; to try again, drop the file into the inbox.\n");
            Path to = Filing.moveInto(file, config.error());
            done.incrementAndGet();
            LOG.warn(name + ": internal error (" + reason + "); moved to " + to);
        } catch (IOException m) {
            LOG.warn(name + ": internal error (" + reason + ") and it cannot be moved to " + config.error() + ": "
                    + Folders.words(m, config.error()) + "; it stays in " + claimedDir);
        }
    }
}
