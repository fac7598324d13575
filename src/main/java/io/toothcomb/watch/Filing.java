package io.toothcomb.watch;

import io.toothcomb.result.Output;
import io.toothcomb.writers.AtomicOutput;
import io.toothcomb.writers.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.FilenameUtils;

/**
 * Where the watcher's files go, each move an atomic rename: an inbox file is claimed under its answer name, and
 * a claimed file ends in the archive or in error/ (with a note saying why), or goes back to the inbox. Nothing is
 * ever overwritten.
 */
final class Filing {
    private final WatchConfig config;
    /** Says what happened to a file (the watcher's log at INFO). */
    private final Consumer<String> info;

    Filing(WatchConfig config, Consumer<String> info) {
        this.config = config;
        this.info = info;
    }

    /**
     * Claims an inbox file for this watcher: renames it into the claim folder under its answer name, the first of
     * NAME, NAME~2, NAME~3 ... that no output, archived or claimed file has yet (so a re-dropped file never
     * overwrites earlier answers). The rename is atomic: of several watchers on one inbox exactly one gets the
     * file; the others find it gone.
     *
     * @return the claimed file, or null when another watcher took it first
     */
    Path claim(Path inboxFile) throws IOException {
        String name = inboxFile.getFileName().toString();
        synchronized (this) {
            String answer = answerName(name);
            Path target = config.claimed().resolve(answer);
            try {
                Files.move(inboxFile, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException gone) {
                return null;
            }
            if (!answer.equals(name)) {
                info.accept(name + ": earlier answers for this name exist; this one is answered as " + answer);
            }
            return target;
        }
    }

    /** NAME, else NAME~2, NAME~3 ...: the first no earlier file or answer uses; cut when too long for outputs. */
    private String answerName(String name) throws IOException {
        String base = FilenameUtils.getBaseName(name);
        String ext = FilenameUtils.getExtension(name);
        String dotExt = ext.isEmpty() ? "" : "." + ext;
        String longest = ".findings.json";
        for (Output o : Output.values()) {
            longest = o.suffix().length() > longest.length() ? o.suffix() : longest;
        }
        // room for ~NNNN and the longest output suffix within NAME_MAX
        int room = TempFiles.NAME_MAX - 8 - Math.max(dotExt.length(), 0) - longest.length() - 6;
        if (Output.baseName(name).getBytes(StandardCharsets.UTF_8).length + longest.length() + 6
                > TempFiles.NAME_MAX) {
            String hash = Integer.toHexString(name.hashCode());
            base = io.toothcomb.writers.TempFiles.cutUtf8(base, room - hash.length() - 1) + "-" + hash;
            name = base + dotExt;
        }
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? name : base + "~" + n + dotExt;
            if (free(candidate)) {
                return candidate;
            }
        }
    }

    /** No output, archived, failed or claimed (by any watcher) file has this name. */
    private boolean free(String candidate) throws IOException {
        for (Output o : Output.values()) {
            if (Files.exists(config.out().resolve(o.fileName(candidate)))) {
                return false;
            }
        }
        if (Files.exists(config.out().resolve(Output.baseName(candidate) + ".ta1"))
                || Files.exists(config.archive().resolve(candidate)) || Files.exists(config.error().resolve(candidate))) {
            return false;
        }
        try (Stream<Path> s = Files.list(config.processing())) {
            return s.noneMatch(d -> Files.exists(d.resolve(candidate)));
        }
    }

    /** Renames a claimed file back into the inbox under its name; null when that name is taken there again. */
    Path backToInbox(Path file, String name) {
        Path back = config.inbox().resolve(name);
        try {
            if (Files.exists(back)) {
                return null;
            }
            Files.move(file, back, StandardCopyOption.ATOMIC_MOVE);
            return back;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes NAME.error.txt into error/, saying why NAME is there. */
    void writeNote(String name, String text) throws IOException {
        String noteName = name + ".error.txt";
        try (AtomicOutput f = new AtomicOutput(config.error().resolve(noteName))) {
            f.stream().write(("toothcomb: " + text).getBytes(StandardCharsets.UTF_8));
            f.commit();
        }
    }

    /** Copies a file into {@code dir} under its own name, atomically. */
    static void copyBeside(Path source, Path dir) throws IOException {
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
