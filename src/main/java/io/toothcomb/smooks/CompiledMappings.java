package io.toothcomb.smooks;

import org.apache.daffodil.japi.Compiler;
import org.apache.daffodil.japi.Daffodil;
import org.apache.daffodil.japi.DataProcessor;
import org.apache.daffodil.japi.Diagnostic;
import org.apache.daffodil.japi.ProcessorFactory;
import org.apache.daffodil.japi.ValidationMode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the DFDL mappings, copies them to a content-addressed cache directory and compiles each one once per JVM
 * (and once per machine: the compiled parser is saved next to the copy and reloaded by later JVMs).
 *
 * <p>Why not the cartridge's own {@code cacheOnDisk}: it writes to {@code .smooks/} under the working directory,
 * keys the cache by schema file name only (a changed schema silently reuses the old parser) and fails with an
 * NPE for schemas inside a jar. Here the cache directory is named after a hash of the schema text, lives under
 * the system temp directory (or {@code -Dtoothcomb.smooks.cache=DIR}), and the schemas are always read from
 * plain files.
 *
 * <p>Where the mappings are looked for, in order: {@code -Dtoothcomb.mappings=DIR}; {@code mappings/} on the
 * classpath (when packaged into the jar); a {@code mappings/} directory in the working directory or one of its
 * parents.
 */
public final class CompiledMappings {
    /** A schema copied to disk and its compiled parser. */
    public record Compiled(MappingKind kind, Path schema, DataProcessor processor) {
    }

    private static final Map<MappingKind, Compiled> COMPILED = new ConcurrentHashMap<>();

    private CompiledMappings() {
    }

    /** The compiled mapping for {@code kind}; compiles or reloads it on first use. Thread-safe. */
    public static Compiled get(MappingKind kind) throws SmooksX12Exception {
        Compiled c = COMPILED.get(kind);
        if (c != null) {
            return c;
        }
        synchronized (CompiledMappings.class) {
            c = COMPILED.get(kind);
            if (c == null) {
                c = load(kind);
                COMPILED.put(kind, c);
            }
            return c;
        }
    }

    /** The text of one mapping file ({@code path} relative to the mappings directory, e.g. 837d/smooks-837d.xml). */
    public static byte[] mappingFile(String path) throws SmooksX12Exception {
        return MappingFiles.read(path);
    }

    private static Compiled load(MappingKind kind) throws SmooksX12Exception {
        byte[] common = mappingFile(MappingKind.COMMON_SCHEMA);
        byte[] schema = mappingFile(kind.schemaPath());
        Path dir = cacheRoot().resolve(kind.directory() + "-" + hash(common, schema));
        Path schemaCopy = dir.resolve(kind.schemaPath());
        Path commonCopy = dir.resolve(MappingKind.COMMON_SCHEMA);
        Path compiled = dir.resolve(kind.directory() + ".daffodil.bin");
        try {
            writeIfAbsent(commonCopy, common);
            writeIfAbsent(schemaCopy, schema);
        } catch (IOException e) {
            throw new SmooksX12Exception("cannot write the mapping cache under " + dir + ": " + e.getMessage(), e);
        }
        DataProcessor processor = null;
        Compiler compiler = Daffodil.compiler();
        if (Files.isRegularFile(compiled)) {
            try {
                processor = compiler.reload(compiled.toFile());
            } catch (Exception | LinkageError e) {
                processor = null; // saved by another Daffodil version or damaged: compile again below
            }
        }
        if (processor == null) {
            processor = compile(compiler, kind, schemaCopy);
            save(processor, compiled);
        }
        try {
            return new Compiled(kind, schemaCopy, processor.withValidationMode(ValidationMode.Off));
        } catch (org.apache.daffodil.japi.InvalidUsageException e) {
            throw new SmooksX12Exception("cannot switch validation off for " + kind.schemaPath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static DataProcessor compile(Compiler compiler, MappingKind kind, Path schema) throws SmooksX12Exception {
        ProcessorFactory factory;
        try {
            factory = compiler.compileFile(schema.toFile());
        } catch (IOException e) {
            throw new SmooksX12Exception("cannot read DFDL schema " + schema + ": " + e.getMessage(), e);
        }
        if (factory.isError()) {
            throw new SmooksX12Exception("DFDL schema " + kind.schemaPath() + " does not compile: "
                    + firstError(factory.getDiagnostics()));
        }
        DataProcessor processor = factory.onPath("/");
        if (processor.isError()) {
            throw new SmooksX12Exception("DFDL schema " + kind.schemaPath() + " does not compile: "
                    + firstError(processor.getDiagnostics()));
        }
        return processor;
    }

    private static void save(DataProcessor processor, Path target) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), "compile", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                processor.save(Channels.newChannel(out));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            // The disk cache is an optimisation only; the compiled processor in memory is still good.
        }
    }

    private static String firstError(java.util.List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                return d.getMessage().lines().findFirst().orElse("unknown error");
            }
        }
        return "unknown error";
    }

    private static void writeIfAbsent(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == content.length) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "schema", ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path cacheRoot() {
        String dir = System.getProperty("toothcomb.smooks.cache");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "toothcomb-smooks");
    }

    private static String hash(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
                md.update((byte) 0);
            }
            // A parser saved by one Daffodil version cannot be reloaded by another.
            md.update(Daffodil.class.getPackage().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
