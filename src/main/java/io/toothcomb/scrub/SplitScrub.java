package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.GroupAck;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoadMode;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.NotSeparable;
import io.toothcomb.loader.SyntaxError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.loader.TransactionSlice;
import io.toothcomb.model.FunctionalGroup;
import io.toothcomb.model.Interchange;
import io.toothcomb.model.TransactionHeader;
import io.toothcomb.reader.Segment;
import io.toothcomb.reader.X12Exception;
import io.toothcomb.reader.X12Reader;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.result.SetWriter;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A scrub that keeps each transaction set on one thread from its first byte to its output bytes. The calling
 * thread reads the envelope and skips over the sets, noting where each lies ({@link ClaimLoader#loadSkippingSets});
 * workers each take a whole set, read it, run the rules and write every output's part of it into buffers
 * ({@link SetWriter#forSet}); the calling thread then puts the parts in place in file order
 * ({@link SetWriter#join}) between the envelope's own segments. A set the 999 rejects is read again by its worker
 * knowing the verdict, as the two-pass scrub would. The outputs are byte for byte those of {@link Scrubber}'s
 * other ways; a file whose sets cannot be taken apart plainly ends in {@link NotSeparable}, and is then scrubbed
 * whole.
 *
 * <p>Memory: at most {@link #IN_FLIGHT_PER_WORKER} sets per worker wait to be put in place, and their buffers
 * share {@link #FRAGMENT_MEMORY} (a quarter of the heap, at most 96 MB); beyond it a buffer goes to a temporary
 * file.
 */
final class SplitScrub {
    static final int IN_FLIGHT_PER_WORKER = 2;
    /** The sets' buffers may hold up to a quarter of the heap, and no more than 96 MB; the rest spills. */
    static final long FRAGMENT_MEMORY = Math.min(96L << 20, Runtime.getRuntime().maxMemory() / 4);
    /** A file is split only when the first this many bytes hold two transaction sets. */
    static final int PROBE_BYTES = 8 << 20;

    private final RuleEngine engine;
    /** {@code --fix}: each worker's checker mends what it can. */
    private final boolean fix;
    private final int workers;
    private final long memory;
    private final LongConsumer progress;
    private final ConcurrentLinkedQueue<RuleEngine> engines = new ConcurrentLinkedQueue<>();
    /** Called by a worker before each set (tests make a set fail here); null: nothing. */
    Consumer<TransactionSlice> beforeSet;

    SplitScrub(RuleEngine engine, int workers, long memory, LongConsumer progress, boolean fix) {
        this.fix = fix;
        this.engine = engine;
        this.workers = workers;
        this.memory = memory;
        this.progress = progress;
    }

    /**
     * True when {@code file} starts with two transaction sets within {@link #PROBE_BYTES}: a file of one big set
     * would keep one worker busy and the others idle, and is better served by the scrub's pipeline.
     */
    static boolean worthSplitting(Path file) throws IOException {
        try (InputStream in = BoundedInputStream.builder().setPath(file).setMaxCount(PROBE_BYTES).get()) {
            X12Reader reader = new X12Reader(in, file.getFileName().toString());
            int sets = 0;
            Segment s;
            while ((s = reader.next()) != null) {
                if (s.id().equals("ST")) {
                    if (++sets == 2) {
                        return true;
                    }
                    if (reader.skipTransactionSet() < 0) {
                        return false;
                    }
                }
            }
            return false;
        } catch (X12Exception e) {
            return false;
        }
    }

    ScrubSummary run(Path input, List<SetWriter> writers) throws IOException {
        long t0 = System.nanoTime();
        String name = input.getFileName().toString();
        SetWriter[] out = writers.toArray(SetWriter[]::new);
        for (SetWriter w : out) {
            w.start(name);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "toothcomb-set-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Fragment.Budget budget = new Fragment.Budget(memory);
        try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ)) {
            Merger merger = new Merger(out, pool, budget);
            boolean done = false;
            try {
                LoadHandler envelope = new LoadHandler() {
                    @Override
                    public void interchangeStart(Interchange ic) {
                        merger.pending.add(new Events.IcStart(ic));
                    }

                    @Override
                    public void groupStart(FunctionalGroup g) {
                        merger.pending.add(new Events.GroupStart(g));
                    }

                    @Override
                    public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) {
                        merger.pending.add(new Events.Seg(s, loop, errors));
                    }

                    @Override
                    public void groupEnd(GroupAck ack) {
                        merger.pending.add(new Events.GroupEnd(ack));
                    }
                };
                int maxInFlight = workers * IN_FLIGHT_PER_WORKER;
                FileAck provisional = ClaimLoader.loadSkippingSets(input, LoadMode.SEGMENTS, envelope, slice -> {
                    merger.pending.add(pool.submit(() -> work(slice, channel, name, out, budget)));
                    merger.inFlight++;
                    try {
                        merger.drain(maxInFlight);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                merger.drain(0);
                if (merger.groups.size() != provisional.groups().size()) {
                    throw new IllegalStateException("groups: " + merger.groups.size() + " put in place, "
                            + provisional.groups().size() + " read");
                }
                FileAck syntax = new FileAck(provisional.source(), provisional.interchanges(),
                        List.copyOf(merger.groups), provisional.fileErrors(), provisional.segments(),
                        provisional.bytes(), provisional.interchangeAcks(), provisional.warnings());
                if (syntax.envelopeRejectsSets()) {
                    // a group or interchange rejected as a whole: its sets, written as accepted, are not
                    throw new NotSeparable("a functional group or interchange is rejected as a whole");
                }
                ScrubSummary summary = Scrubber.summary(name, syntax, merger.totals, t0);
                for (SetWriter w : out) {
                    w.end(syntax, summary);
                }
                done = true;
                return summary;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                if (!done) {
                    merger.discard();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a worker made of one set. */
    private record SetDone(TransactionSlice slice, TransactionAck ack, SetWriter.Part[] parts, Fragment[] bytes,
                           ClaimChecker counts) {
        void release() {
            for (Fragment f : bytes) {
                f.release();
            }
        }
    }

    /** Thrown at the SE of a set the 999 rejects, read as accepted: it is read again knowing the verdict. */
    private static final class Redo extends RuntimeException {
        final transient TransactionAck ack;

        Redo(TransactionAck ack) {
            super("the transaction set is rejected: read it again", null, false, false);
            this.ack = ack;
        }
    }

    /** On a worker: one whole set, into a part of each writer. */
    private SetDone work(TransactionSlice slice, FileChannel channel, String name, SetWriter[] writers,
                         Fragment.Budget budget) throws IOException {
        if (beforeSet != null) {
            beforeSet.accept(slice);
        }
        RuleEngine rules = engines.poll();
        if (rules == null) {
            rules = engine.copy();
        }
        try {
            TransactionAck known = null;
            while (true) {
                Fragment[] bytes = new Fragment[writers.length];
                SetWriter.Part[] parts = new SetWriter.Part[writers.length];
                for (int i = 0; i < writers.length; i++) {
                    bytes[i] = new Fragment(budget);
                    parts[i] = writers[i].forSet(bytes[i]);
                }
                SetEvents events = new SetEvents(parts, new ClaimChecker(rules, fix), known);
                boolean ok = false;
                try {
                    ClaimLoader.SetAck read = ClaimLoader.loadSet(slice,
                            new Region(channel, slice.start(), slice.end()), name, LoadMode.CLAIMS, events);
                    for (SetWriter.Part p : parts) {
                        p.finish();
                    }
                    ok = true;
                    return new SetDone(slice, read.ack(), parts, bytes, events.checker);
                } catch (Redo r) {
                    known = r.ack;
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } finally {
                    if (!ok) {
                        for (Fragment f : bytes) {
                            f.release();
                        }
                    }
                }
            }
        } finally {
            engines.add(rules);
        }
    }

    /** A set's events, as the scrub's rules stage hands them on: each claim checked, each start with its verdict. */
    private static final class SetEvents implements LoadHandler {
        private final SetWriter.Part[] parts;
        private final boolean[] clean;
        private final ClaimChecker checker;
        private final TransactionAck known;
        private TransactionAck current;

        SetEvents(SetWriter.Part[] parts, ClaimChecker checker, TransactionAck known) {
            this.parts = parts;
            this.checker = checker;
            this.known = known;
            this.clean = new boolean[parts.length];
            for (int i = 0; i < parts.length; i++) {
                clean[i] = parts[i].wantsCleanSegments();
            }
        }

        @Override
        public void transactionStart(TransactionHeader h) {
            // read as accepted until its SE says otherwise, as the scrub's single pass does
            current = known != null ? known : new TransactionAck("837", h.controlNumber(), h.implementation(),
                    h.segment(), List.of(), 0, List.of(), 0);
            try {
                for (SetWriter.Part p : parts) {
                    p.transactionStart(h, current);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void segment(Segment s, LoopMark loop, List<SyntaxError> errors) {
            checker.segment(s, loop);
            try {
                boolean hasErrors = !errors.isEmpty();
                for (int i = 0; i < parts.length; i++) {
                    if (hasErrors || clean[i]) {
                        parts[i].segment(s, loop, errors);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void claim(ClaimUnit unit) {
            ClaimResult r = checker.check(unit, current);
            try {
                for (SetWriter.Part p : parts) {
                    p.claim(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void transactionEnd(TransactionAck ack) {
            if (known == null && !ack.accepted()) {
                throw new Redo(ack);
            }
            try {
                for (SetWriter.Part p : parts) {
                    p.transactionEnd(ack);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** On the calling thread: the envelope's events and the sets' parts, put in place in file order. */
    private final class Merger {
        final ArrayDeque<Object> pending = new ArrayDeque<>();
        final SetWriter[] writers;
        final List<GroupAck> groups = new ArrayList<>();
        final List<TransactionAck> groupSets = new ArrayList<>();
        final ClaimChecker totals = new ClaimChecker(null);
        final ExecutorService pool;
        final Fragment.Budget budget;
        int inFlight;

        Merger(SetWriter[] writers, ExecutorService pool, Fragment.Budget budget) {
            this.writers = writers;
            this.pool = pool;
            this.budget = budget;
        }

        /** Puts in place what can be; waits for the oldest set while more than {@code maxInFlight} are out. */
        void drain(int maxInFlight) throws IOException {
            while (!pending.isEmpty()) {
                Object head = pending.peekFirst();
                if (head instanceof Future<?> f) {
                    if (!f.isDone() && inFlight <= maxInFlight) {
                        return;
                    }
                    SetDone d = result(f);
                    pending.pollFirst();
                    inFlight--;
                    try {
                        put(d);
                    } finally {
                        d.release();
                    }
                } else {
                    pending.pollFirst();
                    event(head);
                }
            }
        }

        private void put(SetDone d) throws IOException {
            for (int i = 0; i < writers.length; i++) {
                writers[i].join(d.parts()[i], d.bytes()[i]);
            }
            groupSets.add(d.ack());
            totals.add(d.counts());
            progress.accept(d.slice().end());
        }

        private void event(Object e) throws IOException {
            if (e instanceof Events.GroupEnd g) {
                GroupAck read = g.ack();
                if (read.transactions().size() != groupSets.size()) {
                    throw new IllegalStateException("group " + read.group().controlNumber() + ": "
                            + read.transactions().size() + " sets read, " + groupSets.size() + " put in place");
                }
                GroupAck real = new GroupAck(read.group(), List.copyOf(groupSets), read.declaredTransactions(),
                        read.ak9Codes(), read.errors());
                groupSets.clear();
                groups.add(real);
                e = new Events.GroupEnd(real);
            }
            for (SetWriter w : writers) {
                Events.dispatch(e, w);
            }
        }

        /**
         * After a failure: sets not started never start, those running are waited for (not interrupted: an
         * interrupt would close the channel they share), and then every buffer is given back.
         */
        void discard() {
            for (Object o : pending) {
                if (o instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
            pending.clear();
            pool.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            budget.releaseAll();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static SetDone result(Future<?> f) throws IOException {
        try {
            return ((Future<SetDone>) f).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a transaction set");
        } catch (ExecutionException e) {
            BatchPipe.rethrow(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Bytes {@code [start, end)} of a file, read with positional reads (the channel is shared by the workers). */
    private static final class Region extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Region(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            int r = channel.read(ByteBuffer.wrap(b, off, n), position);
            if (r < 0) {
                return -1;
            }
            position += r;
            return r;
        }
    }
}
