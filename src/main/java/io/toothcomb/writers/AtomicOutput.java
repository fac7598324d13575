package io.toothcomb.writers;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    static final int CHUNK = 1 << 20;
    /** Bytes written between two background forces when a big output goes through the page cache. */
    static final int WRITEBACK_EVERY = 32 << 20;
    private static final ExecutorService WRITEBACK = daemon("toothcomb-writeback");
    /** Writes the chunks of direct outputs, so that the threads that fill them do not wait for the device. */
    private static final ExecutorService IO = daemon("toothcomb-io");
    /** Forces the outputs of {@link #commitAll} other than the first; threads are made as needed and kept a minute. */
    private static final ExecutorService SYNC = Executors.newCachedThreadPool(daemonThreads("toothcomb-sync"));
    /** The longest file name most file systems allow (NAME_MAX), in bytes. */
    public static final int NAME_MAX = 255;
    /** Marks this process's temporary files: a short tag of the host name and the process id. */
    private static final String OWNER = hostTag() + "-" + ProcessHandle.current().pid();
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
    /** Aligned direct buffers for reuse: allocating and freeing one per output would churn native memory. */
    private static final ConcurrentLinkedDeque<ByteBuffer> BUFFERS = new ConcurrentLinkedDeque<>();
    private static final int POOLED = 16;

    private enum Mode { MEMORY, DIRECT, CACHED }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final boolean allowDirect;
    private final Sink out = new Sink();
    private Mode mode = Mode.MEMORY;
    /** Forced to disk under the temporary name, its channel closed ({@link #commitAll}). */
    private boolean forced;
    private volatile boolean done;

    public AtomicOutput(Path target) throws IOException {
        this(target, true);
    }

    /** {@code allowDirect} false: never direct I/O (tests of the page-cache path). */
    AtomicOutput(Path target, boolean allowDirect) throws IOException {
        this.target = target;
        this.allowDirect = allowDirect;
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
            t = dir.resolve(tempName(target.getFileName().toString()));
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
        OPEN.add(this);
    }

    /**
     * The hidden temporary name of an output: {@code .NAME.HOST-PID.RANDOM.tmp}, so that {@link #removeStale} can
     * tell the leftovers of a process that is gone from the files of one still writing. A name that would not
     * fit in {@value #NAME_MAX} bytes is cut, and a hash of the whole name keeps it apart from its neighbours.
     */
    static String tempName(String name) {
        String tail = "." + OWNER + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp";
        String head = "." + name;
        if (utf8(head) + utf8(tail) > NAME_MAX) {
            String hash = "~" + Integer.toHexString(name.hashCode() * 31 + name.length());
            int room = NAME_MAX - utf8(tail) - hash.length();
            StringBuilder cut = new StringBuilder();
            int bytes = 0;
            for (int i = 0; i < head.length(); ) {
                int cp = head.codePointAt(i);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + n > room) {
                    break;
                }
                cut.appendCodePoint(cp);
                bytes += n;
                i += Character.charCount(cp);
            }
            head = cut + hash;
        }
        return head + tail;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String hostTag() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = String.valueOf(System.getenv("HOSTNAME"));
        }
        return Integer.toHexString(host.hashCode() & 0xfffff);
    }

    /** Our temporary names: {@code .NAME.HOST-PID.RANDOM.tmp}. */
    private static final Pattern TEMP = Pattern.compile("^\\..+\\.([0-9a-f]{1,5})-([0-9]+)\\.[0-9a-z]+\\.tmp$");

    /**
     * Deletes the temporary files that processes of this host which are no longer running left in {@code dir}
     * (after a {@code kill -9}, a power cut): hidden, named as {@link #tempName} names them, with a process id
     * that is not alive. Files of live processes and of other hosts sharing the folder are left alone.
     *
     * @return the names removed
     */
    public static List<String> removeStale(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        String host = OWNER.substring(0, OWNER.indexOf('-'));
        try (var s = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : s) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(host)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.deleteIfExists(p)) {
                    removed.add(p.getFileName().toString());
                }
            }
        }
        return removed;
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
        return mode == Mode.DIRECT;
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
            others.add(SYNC.submit(() -> {
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
                awaitUninterruptibly(others.get(i)); // an abort must not close a channel being forced
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

    /** Waits for {@code f} even when interrupted (the interrupt is kept); throws what it failed with. */
    private static void awaitUninterruptibly(Future<?> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failure(e, "writing an output");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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

    /** The stream handed to a writer: memory first, then direct chunks or the page cache. */
    private final class Sink extends OutputStream {
        /** MEMORY and CACHED: bytes not yet written. */
        private byte[] heap = new byte[1 << 16];
        private int held;
        /** DIRECT: the aligned chunk being filled, its channel, the file's block size, and the bytes written. */
        private ByteBuffer chunk;
        private FileChannel directChannel;
        private int block;
        private long position;
        /** DIRECT: the chunk the I/O thread is writing, its buffer, and a buffer to fill next. */
        private Future<?> inFlight;
        private ByteBuffer inFlightBuffer;
        private ByteBuffer spare;
        /** CACHED: bytes since the last background force, and that force. */
        private long unforced;
        private Future<?> writeback;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (mode == Mode.DIRECT) {
                while (n > 0) {
                    int k = Math.min(n, chunk.remaining());
                    chunk.put(b, off, k);
                    off += k;
                    n -= k;
                    if (!chunk.hasRemaining()) {
                        writeChunk();
                        if (mode != Mode.DIRECT) {
                            write(b, off, n); // the direct writes were refused: the rest through the page cache
                            return;
                        }
                    }
                }
                return;
            }
            if (held + n > heap.length) {
                if (held + n <= CHUNK) {
                    heap = Arrays.copyOf(heap, Math.min(CHUNK, Math.max(heap.length * 2, held + n)));
                } else if (mode == Mode.MEMORY && startDirect()) {
                    write(heap, 0, held);
                    held = 0;
                    write(b, off, n);
                    return;
                } else {
                    mode = Mode.CACHED;
                    drain();
                    if (n > heap.length) {
                        cached(b, off, n);
                        return;
                    }
                }
            }
            System.arraycopy(b, off, heap, held, n);
            held += n;
        }

        /** Opens the file for direct I/O; false where the file system or the platform will not. */
        private boolean startDirect() {
            if (!allowDirect) {
                return false;
            }
            try {
                int b = Math.toIntExact(Files.getFileStore(temp).getBlockSize());
                if (b <= 0 || CHUNK % b != 0) {
                    return false;
                }
                directChannel = FileChannel.open(temp, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
                block = b;
                chunk = takeBuffer(b);
                mode = Mode.DIRECT;
                return true;
            } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
                closeDirect();
                return false;
            }
        }

        /**
         * Hands a full chunk to the I/O thread and goes on filling another: a direct write waits for the device,
         * and a writer that waited with it would hold up the threads that feed it. The first chunk is written
         * here, so that a file system that takes the open but refuses the writes is found out at once.
         */
        private void writeChunk() throws IOException {
            chunk.flip();
            if (position != 0) {
                ByteBuffer full = chunk;
                long at = position;
                position += full.remaining();
                awaitInFlight();
                inFlightBuffer = full;
                FileChannel ch = directChannel;
                inFlight = IO.submit(() -> {
                    long p = at;
                    while (full.hasRemaining()) {
                        p += ch.write(full, p);
                    }
                    return null;
                });
                chunk = spare != null ? spare : takeBuffer(block);
                spare = null;
                return;
            }
            try {
                writeFully(chunk);
            } catch (IOException e) {
                // the file system took the open but refuses the writes: through the page cache from here on
                chunk.rewind();
                byte[] first = new byte[chunk.remaining()];
                chunk.get(first);
                release();
                mode = Mode.CACHED;
                heap = new byte[CHUNK];
                cached(first, 0, first.length);
                return;
            }
            chunk.clear();
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                position += directChannel.write(b, position);
            }
        }

        /** MEMORY/CACHED: writes the held bytes through the page cache. */
        private void drain() throws IOException {
            cached(heap, 0, held);
            held = 0;
        }

        private void cached(byte[] b, int off, int n) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(b, off, n);
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            unforced += n;
            if (unforced >= WRITEBACK_EVERY && (writeback == null || writeback.isDone())) {
                unforced = 0;
                writeback = WRITEBACK.submit(() -> {
                    try {
                        channel.force(false);
                    } catch (IOException ignored) {
                        // only a head start: commit() forces again and reports any failure; abort() may close it
                    }
                });
            }
        }

        /** Waits for the chunk the I/O thread is writing, and keeps its buffer for the next one. */
        private void awaitInFlight() throws IOException {
            if (inFlight == null) {
                return;
            }
            try {
                await(inFlight, "writing");
            } catch (InterruptedIOException e) {
                throw e; // the write stays in flight: cancel() waits for it
            } catch (IOException e) {
                landed();
                throw e;
            }
            landed();
        }

        /** Waits for a background write or force of this output; its failure is this output's failure. */
        private void await(Future<?> f, String doing) throws IOException {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + doing + " " + target.getFileName());
            } catch (ExecutionException e) {
                throw failure(e, doing + " " + target.getFileName());
            }
        }

        /** The write in flight is over: its buffer is free for the next chunk. */
        private void landed() {
            inFlight = null;
            inFlightBuffer.clear();
            spare = inFlightBuffer;
            inFlightBuffer = null;
        }

        /** Writes what is left: a direct output's last chunk rounded up to a block and cut back to its length. */
        void finish() throws IOException {
            if (mode != Mode.DIRECT) {
                drain();
                awaitWriteback();
                return;
            }
            awaitInFlight();
            int tail = chunk.position();
            if (tail > 0) {
                int padded = (tail + block - 1) / block * block;
                while (chunk.position() < padded) {
                    chunk.put((byte) 0); // not a pooled buffer's earlier bytes, even for the moment until the cut
                }
                chunk.flip(); // the padding is cut off below
                writeFully(chunk);
                position = position - padded + tail;
                channel.truncate(position);
            }
        }

        private void awaitWriteback() throws IOException {
            if (writeback != null) {
                await(writeback, "forcing");
            }
        }

        /** Gives the direct buffers back and closes the direct channel (no write is in flight any more). */
        void release() {
            closeDirect();
            pool(chunk);
            pool(spare);
            chunk = null;
            spare = null;
        }

        private void pool(ByteBuffer b) {
            if (b != null && BUFFERS.size() < POOLED) {
                b.clear();
                BUFFERS.push(b);
            }
        }

        void cancel() {
            if (writeback != null) {
                writeback.cancel(false); // a force already running ends when the channel closes
            }
            if (inFlight != null) {
                // its buffer must not go back to the pool while it is being written: wait, even if interrupted
                try {
                    awaitUninterruptibly(inFlight);
                } catch (IOException e) {
                    // the output is thrown away anyway
                }
                landed();
            }
            // an aborted output's buffers are dropped, not pooled: nothing may still be filling them then
            chunk = null;
            spare = null;
            closeDirect();
        }

        private void closeDirect() {
            if (directChannel != null) {
                try {
                    directChannel.close();
                } catch (IOException ignored) {
                    // the data channel reports what matters
                }
                directChannel = null;
            }
        }

        @Override
        public void flush() {
            // bytes reach the file in chunks and at commit(); a writer's flush has nothing to force
        }

        @Override
        public void close() {
            // the channels are closed by commit/abort
        }
    }

    /** One shared background thread that does not keep the JVM alive. */
    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(daemonThreads(name));
    }

    /** Threads named {@code name} that do not keep the JVM alive. */
    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** What a background write or force failed with, as the IOException its output reports. */
    private static IOException failure(ExecutionException e, String what) {
        return e.getCause() instanceof IOException io ? io : new IOException("failed " + what, e.getCause());
    }

    private static ByteBuffer takeBuffer(int block) {
        ByteBuffer b = BUFFERS.poll();
        if (b != null && b.alignmentOffset(0, block) == 0) {
            return b;
        }
        return ByteBuffer.allocateDirect(CHUNK + block).alignedSlice(block).limit(CHUNK).slice();
    }
}
