package io.toothcomb.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every rule toothcomb has: the classes in {@value #PACKAGE} that carry {@link RuleInfo}. Found by looking
 * at the package on the class path (a folder in development, the jar in production), so adding a rule is
 * adding a class.
 */
public final class RuleRegistry {
    public static final String PACKAGE = "io.toothcomb.rules.checks";
    private static volatile RuleRegistry bundled;

    private final Map<String, Class<? extends Rule>> rules;

    private RuleRegistry(Map<String, Class<? extends Rule>> rules) {
        this.rules = Collections.unmodifiableMap(rules);
    }

    public static RuleRegistry bundled() {
        RuleRegistry r = bundled;
        if (r == null) {
            synchronized (RuleRegistry.class) {
                r = bundled;
                if (r == null) {
                    r = scan();
                    bundled = r;
                }
            }
        }
        return r;
    }

    /** Rule ids and classes, sorted by id. */
    public Map<String, Class<? extends Rule>> rules() {
        return rules;
    }

    public Class<? extends Rule> get(String id) {
        return rules.get(id);
    }

    public static RuleInfo info(Class<? extends Rule> type) {
        return type.getAnnotation(RuleInfo.class);
    }

    public Rule instantiate(String id) {
        Class<? extends Rule> type = rules.get(id);
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule " + id + " (" + type.getName()
                    + ") needs a public no-argument constructor", e);
        }
    }

    private static RuleRegistry scan() {
        String path = PACKAGE.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            var urls = RuleRegistry.class.getClassLoader().getResources(path);
            while (urls.hasMoreElements()) {
                names.addAll(classNames(urls.nextElement(), path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Class<? extends Rule>> found = new java.util.TreeMap<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(PACKAGE + "." + name, false, RuleRegistry.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                continue;
            }
            RuleInfo info = c.getAnnotation(RuleInfo.class);
            if (info == null || !Rule.class.isAssignableFrom(c)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Class<? extends Rule> rc = (Class<? extends Rule>) c;
            Class<? extends Rule> dup = found.put(info.id(), rc);
            if (dup != null) {
                throw new IllegalStateException("rule id " + info.id() + " is used by " + dup.getName() + " and "
                        + c.getName());
            }
        }
        return new RuleRegistry(new LinkedHashMap<>(found));
    }

    private static List<String> classNames(URL url, String path) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                collect(fs.getPath(path), out);
            } else {
                collect(Path.of(uri), out);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot read rule package at " + url, e);
        }
        return out;
    }

    private static void collect(Path dir, List<String> out) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .forEach(out::add);
        }
    }
}
