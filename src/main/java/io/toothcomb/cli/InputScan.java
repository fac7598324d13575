package io.toothcomb.cli;

import io.toothcomb.result.Output;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files of the inputs are scrubbed. A file named on the command line is always taken (a file that is not
 * X12 gets a 999 that says so). In a folder (not recursive) a file is taken when it has one of the extensions
 * the README names for 837 files ({@code .edi .x12 .837 .txt .dat}) or when its content starts with ISA (after
 * an optional byte order mark and white space); hidden files and toothcomb's own outputs ({@code NAME.999},
 * {@code NAME.annotated.txt}, ...) never are, so {@code scrub . --out .} does not scrub its own answers.
 *
 * @param files the files to scrub, folders' files sorted by name
 * @param notX12 names of folder files skipped because they are not X12
 * @param outputs names of folder files skipped because they are toothcomb outputs
 */
record InputScan(List<Path> files, List<String> notX12, List<String> outputs) {
    static final List<String> EXTENSIONS = List.of(".edi", ".x12", ".837", ".txt", ".dat");

    static InputScan of(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> notX12 = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> listed;
                try (Stream<Path> s = Files.list(p)) {
                    listed = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : listed) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue; // hidden: temporary files, ours and others'
                    }
                    if (isOutput(name)) {
                        outputs.add(name);
                    } else if (hasX12Extension(name) || startsWithIsa(f)) {
                        files.add(f);
                    } else {
                        notX12.add(name);
                    }
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " is neither a file nor a folder");
            } else {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        return new InputScan(files, notX12, outputs);
    }

    /** A name toothcomb gives its outputs: NAME.999, NAME.277, NAME.findings.json, ..., NAME.ta1, NAME.error.txt. */
    static boolean isOutput(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Output o : Output.values()) {
            if (lower.endsWith(o.suffix()) && lower.length() > o.suffix().length()) {
                return true;
            }
        }
        return lower.endsWith(".ta1") || lower.endsWith(".error.txt");
    }

    static boolean hasX12Extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length());
    }

    /** The content starts with ISA after an optional UTF-8 byte order mark and white space. */
    static boolean startsWithIsa(Path f) {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false; // unreadable: not taken from a folder scan (a file named on the command line would be)
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return n - i >= 3 && head[i] == 'I' && head[i + 1] == 'S' && head[i + 2] == 'A';
    }

    /** "a, b, c and 4 more": at most ten names in a message. */
    static String names(List<String> names) {
        int shown = Math.min(10, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
