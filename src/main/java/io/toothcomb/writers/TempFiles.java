package io.toothcomb.writers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden temporary names {@link AtomicOutput} writes under, which tell whose they are, and the clearing of
 * those a process that is gone left behind.
 */
public final class TempFiles {
    /** The longest file name most file systems allow (NAME_MAX), in bytes. */
    public static final int NAME_MAX = 255;
    /** Marks this process's temporary files: a short tag of the host name and the process id. */
    private static final String OWNER = hostTag() + "-" + ProcessHandle.current().pid();

    private TempFiles() {
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
            head = cutUtf8(head, room) + hash;
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

    /** The longest start of {@code s} whose UTF-8 encoding has at most {@code bytes} bytes (whole code points). */
    public static String cutUtf8(String s, int bytes) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + n > bytes) {
                break;
            }
            b.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
