package io.toothcomb.writers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.Future;

/**
 * A file that appears under its final name complete or not at all: written to a hidden temporary name in
 * the same folder, forced to disk, then renamed atomically. Nobody ever sees a half-written output.
 *
 * <p>How the bytes reach the disk depends on the size. An output of up to {@value #CHUNK} bytes is held in
 * memory and written at {@link #commit()}. A bigger one is written with direct I/O ({@code O_DIRECT}), a chunk
 * at a time from an aligned buffer straight to the device: through the page cache, the kernel spends about two
 * core-seconds per gigabyte copying the bytes in and writing them back (measured with {@code dd} on the
 * benchmark machine: 1.2 GB buffered and forced, 2.4 s of system CPU; direct, 0.1 s), and a 1M-claim scrub
 * writes 1.2 GB. Where the file system refuses direct I/O (tmpfs, some network file systems), a big output
 * goes through the page cache, and a background thread forces it every {@value #WRITEBACK_EVERY} bytes so
 * that the disk writes overlap the work instead of all waiting for the force at the end.
 */
public final class AtomicOutput implements AutoCloseable {
    /** Held in memory up to this size; the chunk of a direct write. */
    static final int CHUNK = OutputSink.CHUNK;
    /** Bytes written between two background forces when a big output goes through the page cache. */
    static final int WRITEBACK_EVERY = OutputSink.WRITEBACK_EVERY;
    /** Outputs not yet committed or aborted, so that a shutdown can throw them away ({@link #abortAllOpen}). */
    private static final Set<AtomicOutput> OPEN = ConcurrentHashMap.newKeySet();
    /** Commits publish under the read lock; {@link #abortAllOpen} takes the write lock: no output set half moved. */
    private static final ReentrantReadWriteLock PUBLISHING = new ReentrantReadWriteLock();
    private static volatile boolean shuttingDown;
    /** Permissions given to every new output (the configuration's {@code output.mode}); null: 0666 less the umask. */
    private static volatile Set<java.nio.file.attribute.PosixFilePermission> permissions;

    /**
     * Gives every output made from now on these permissions whatever the umask (null: back to the umask). Ignored on
     * a file system without POSIX permissions.
     */
    public static void permissions(Set<java.nio.file.attribute.PosixFilePermission> p) {
        permissions = p == null ? null : Set.copyOf(p);
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputSink out;
    /** Forced to disk under the temporary name, its channel closed ({@link #commitAll}). */
    private boolean forced;
    private volatile boolean done;

    public AtomicOutput(Path target) throws IOException {
        this(target, true);
    }

    /** {@code allowDirect} false: never direct I/O (tests of the page-cache path). */
    AtomicOutput(Path target, boolean allowDirect) throws IOException {
        this.target = target;
        if (shuttingDown) {
            throw new InterruptedIOException("stopping: no new output " + target.getFileName());
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: that makes the file owner-only whatever the umask, and the renamed output
        // keeps the temporary file's mode; CREATE_NEW gives 0666 less the umask, as any other new file
        Path t = null;
        FileChannel c = null;
        for (int attempt = 0; c == null; attempt++) {
            t = dir.resolve(TempFiles.tempName(target.getFileName().toString()));
            try {
                c = FileChannel.open(t, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
            }
        }
        Set<java.nio.file.attribute.PosixFilePermission> mode = permissions;
        if (mode != null) {
            try {
                Files.setPosixFilePermissions(t, mode); // the renamed output keeps them
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file system's defaults
            } catch (IOException e) {
                c.close();
                Files.deleteIfExists(t);
                throw e;
            }
        }
        this.temp = t;
        this.channel = c;
        this.out = new OutputSink(target, t, c, allowDirect);
        OPEN.add(this);
    }

    /**
     * At shutdown: no new outputs, and every output not yet moved into place is closed and its temporary file
     * deleted. A set of outputs being moved into place is allowed to finish first, so each input ends with all of
     * its outputs or none. The threads writing them get an error, which is theirs to ignore.
     *
     * @return the outputs thrown away
     */
    public static List<Path> abortAllOpen() {
        shuttingDown = true;
        List<Path> aborted = new ArrayList<>();
        PUBLISHING.writeLock().lock();
        try {
            for (AtomicOutput o : List.copyOf(OPEN)) {
                synchronized (o) {
                    if (o.done) {
                        continue;
                    }
                    o.done = true;
                }
                OPEN.remove(o);
                o.out.closeDirect();
                try {
                    o.channel.close();
                } catch (IOException ignored) {
                    // being deleted
                }
                try {
                    Files.deleteIfExists(o.temp);
                } catch (IOException ignored) {
                    // removeStale deletes it at the next start
                }
                aborted.add(o.target);
            }
        } finally {
            PUBLISHING.writeLock().unlock();
        }
        return aborted;
    }

    /** True once {@link #abortAllOpen} ran: what fails now fails because the process is stopping. */
    public static boolean shuttingDown() {
        return shuttingDown;
    }

    public Path target() {
        return target;
    }

    /** Where to write; do not close it, call {@link #commit()} or {@link #abort()}. */
    public OutputStream stream() {
        return out;
    }

    /** True once the output is being written with direct I/O (for tests). */
    boolean direct() {
        return out.direct();
    }

    /** Writes what is left, forces it to disk and moves the file into place. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        force();
        PUBLISHING.readLock().lock();
        try {
            publish();
        } finally {
            PUBLISHING.readLock().unlock();
        }
    }

    /**
     * Commits several outputs of one input together: forces them to disk at the same time (the first on this
     * thread, the others on {@code toothcomb-sync} threads), then moves each into place, in order. Forced one
     * after another, the five outputs of a one-claim file waited for five journal commits in turn; forced
     * together the file system commits them as one (measured on ext4 here, five 3 KB files: p95 5.2-7.2 ms in
     * turn, 3.5-3.7 ms together; the slowest of 60, 15-16 ms against 5-5.5 ms). Nothing is moved into place
     * unless every one of them reached the disk; on a failure the caller aborts them all.
     */
    public static void commitAll(List<AtomicOutput> outputs) throws IOException {
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < outputs.size(); i++) {
            AtomicOutput o = outputs.get(i);
            others.add(OutputThreads.SYNC.submit(() -> {
                o.force();
                return null;
            }));
        }
        IOException failure = null;
        try {
            if (!outputs.isEmpty()) {
                outputs.get(0).force();
            }
        } catch (IOException e) {
            failure = e;
        }
        for (int i = 0; i < others.size(); i++) {
            try {
                OutputThreads.awaitUninterruptibly(others.get(i)); // an abort must not close a channel being forced
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        PUBLISHING.readLock().lock();
        try {
            for (AtomicOutput o : outputs) {
                o.publish();
            }
        } finally {
            PUBLISHING.readLock().unlock();
        }
    }

    /** Writes what is left and forces it to disk, under the temporary name. */
    private void force() throws IOException {
        if (done || forced) {
            return;
        }
        out.finish();
        channel.force(true);
        out.release();
        channel.close();
        forced = true;
    }

    /** Moves a forced output into place. */
    private void publish() throws IOException {
        if (done) {
            if (shuttingDown) {
                throw new InterruptedIOException("stopping: " + target.getFileName() + " was thrown away");
            }
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
        OPEN.remove(this);
    }

    /** Throws the partial file away. */
    public void abort() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        OPEN.remove(this);
        out.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden .tmp file is harmless and never taken for an output
        }
    }

    @Override
    public void close() {
        abort();
    }
}
