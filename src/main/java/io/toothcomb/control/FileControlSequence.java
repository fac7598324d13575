package io.toothcomb.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A control-number sequence kept in a small text file, for runs without a claim history database: the file holds
 * the next number to hand out, one line of digits.
 *
 * <p>Safe across processes and threads: a taker holds an exclusive {@link FileChannel#lock} on a lock file beside
 * it (and a lock of this JVM, since a file lock is held per process), reads the number, writes the following one
 * to a temporary file, forces it to disk and renames it over the old one atomically, then forces the folder. A crash
 * at any point leaves either the old file or the new one, never a half-written one, and a number is handed out only
 * after the file that counts past it is on disk: so two runs into different output folders, even at once, never
 * get the same number. A file that does not hold a number (edited by hand, say) is an error, never a fresh start
 * at 1, which would repeat numbers.
 */
public final class FileControlSequence implements ControlSequence {
    /** File name of the sequence in the state folder. */
    public static final String FILE_NAME = "control-number";
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final Path temp;

    public FileControlSequence(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.temp = this.file.resolveSibling("." + this.file.getFileName() + ".tmp");
    }

    /**
     * The default file: {@code $XDG_STATE_HOME/toothcomb/control-number}, or {@code ~/.local/state/toothcomb/...}
     * when {@code XDG_STATE_HOME} is not set or not absolute (as the XDG base directory specification says).
     */
    public static Path defaultFile(Map<String, String> env) {
        return stateFolder(env).resolve(FILE_NAME);
    }

    /** The user's state folder for toothcomb. */
    public static Path stateFolder(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("toothcomb");
    }

    public Path file() {
        return file;
    }

    @Override
    public long reserve(int count) throws IOException {
        ReentrantLock jvm = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        jvm.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lc.lock()) {
                long first = ControlSequence.fit(read(), count);
                write(ControlSequence.following(first, count));
                return first;
            }
        } catch (IOException e) {
            throw new IOException("cannot take the next control number from " + file + ": " + reason(e), e);
        } finally {
            jvm.unlock();
        }
    }

    /** The next number the file holds; 1 when there is no file yet. */
    private long read() throws IOException {
        String s;
        try {
            s = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 1;
        }
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IOException("the file does not hold a control number (one to nine digits) but '"
                    + (s.length() > 20 ? s.substring(0, 20) + "..." : s).replaceAll("\\p{Cntrl}", "?")
                    + "'; put the next number to use in it, or remove it to start again at 1 if no partner keeps "
                    + "the numbers already sent");
        }
        return Long.parseLong(s);
    }

    private void write(long next) throws IOException {
        byte[] bytes = (next + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the folder does not support atomic renames", e);
        }
        forceFolder();
    }

    /** Makes the rename durable (on file systems that let a folder be forced; elsewhere the rename stands alone). */
    private void forceFolder() {
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform opens folders; the renamed file is whole either way
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + e.getMessage() + " (set control.file in the configuration to a "
                    + "writable place)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
