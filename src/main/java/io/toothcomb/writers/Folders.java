package io.toothcomb.writers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The folders outputs go to, checked before any work starts, and file-system failures said in words: what is
 * wrong and what to do, never a bare exception name.
 */
public final class Folders {
    private Folders() {
    }

    /** A folder that cannot take outputs; the message says which, why and what to do. */
    public static final class Unusable extends IOException {
        public Unusable(String message) {
            super(message);
        }
    }

    /**
     * Creates {@code dir} when missing and proves a file can be made in it (a hidden probe, created and
     * deleted: permission bits alone do not tell, for root or on a read-only file system).
     *
     * @param role what the folder is for, as the user named it ("the output folder (--out)")
     */
    public static void requireWritable(Path dir, String role) throws Unusable {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Unusable(role + " " + dir + " is a file, not a folder: give a folder (it is created when "
                    + "missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path file = firstFileOnTheWay(dir);
            throw new Unusable("cannot create " + role + " " + dir + ": " + (file != null
                    ? file + " is a file, not a folder" : words(e, dir)));
        }
        Path probe = dir.resolve(".toothcomb-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(probe);
        } catch (IOException e) {
            throw new Unusable(role + " " + dir + " " + notWritable(dir, e) + ": change its permissions or give "
                    + "another folder");
        }
    }

    private static Path firstFileOnTheWay(Path dir) {
        Path p = dir.toAbsolutePath();
        for (int i = 1; i <= p.getNameCount(); i++) {
            Path prefix = p.getRoot().resolve(p.subpath(0, i));
            if (Files.exists(prefix) && !Files.isDirectory(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /** "is not writable by user X (owner Y, rwxr-xr-x)", "is on a read-only file system", "is on a full disk". */
    static String notWritable(Path dir, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : "";
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("read-only")) {
            return "is on a read-only file system";
        }
        if (isDiskFull(e)) {
            return "is on a full disk (" + reason + ")";
        }
        return "is not writable by user " + user() + owner(dir);
    }

    private static String owner(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return " (owner " + a.owner().getName() + ", group " + a.group().getName() + ", "
                    + PosixFilePermissions.toString(a.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    static String user() {
        return System.getProperty("user.name", "?");
    }

    /** True when {@code e} says the disk (or the user's quota) is full. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A file-system failure in words, naming the path it hit ({@code where} when the exception names none):
     * "disk full while writing into /out", "permission denied on /out/x.999 for user bob", "/in/x.edi does not exist".
     */
    public static String words(IOException e, Path where) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : String.valueOf(where);
        if (isDiskFull(e)) {
            return "disk full while writing into " + (where != null ? where : file) + ": free some space";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + file + " for user " + user();
        }
        if (e instanceof NoSuchFileException) {
            return file + " does not exist (any more)";
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            if (reason.toLowerCase(Locale.ROOT).contains("file name too long")) {
                return "the name " + (f.getFile() == null ? "" : "of " + f.getFile() + " ") + "is too long for the "
                        + "file system (at most " + TempFiles.NAME_MAX + " bytes): give the file a shorter name";
            }
            return file + ": " + reason;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() + " on " + file : m;
    }

    /** How long a file name may be for its outputs: the longest output name must fit in NAME_MAX bytes. */
    public static boolean fits(String outputName) {
        return outputName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= TempFiles.NAME_MAX;
    }
}
