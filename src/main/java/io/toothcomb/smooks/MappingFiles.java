package io.toothcomb.smooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the files of {@code mappings/}: {@code -Dtoothcomb.mappings=DIR}; {@code mappings/} on the classpath (they
 * are packaged into the jar); a {@code mappings/} directory in the working directory or one of its parents.
 * Needs no Daffodil, so the toothcomb reader can use it where the DFDL cartridge is not on the classpath.
 */
final class MappingFiles {
    private MappingFiles() {
    }

    static byte[] read(String path) throws SmooksX12Exception {
        String dir = System.getProperty("toothcomb.mappings");
        try {
            if (dir != null) {
                return Files.readAllBytes(Path.of(dir).resolve(path));
            }
            try (InputStream in = MappingFiles.class.getClassLoader().getResourceAsStream("mappings/" + path)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path f = p.resolve("mappings").resolve(path);
                if (Files.isRegularFile(f)) {
                    return Files.readAllBytes(f);
                }
            }
        } catch (IOException e) {
            throw new SmooksX12Exception("cannot read mapping file " + path + ": " + e.getMessage(), e);
        }
        throw new SmooksX12Exception("mapping file " + path + " not found (looked in -Dtoothcomb.mappings, the classpath"
                + " under mappings/, and ./mappings in the working directory and its parents)");
    }
}
