package io.toothcomb.config;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.FileControlSequence;
import io.toothcomb.control.OurIds;
import io.toothcomb.writers.AckEnvelope;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * toothcomb's configuration: a {@code .properties} file ({@code --config FILE}, else {@code $TOOTHCOMB_CONFIG},
 * else {@code $XDG_CONFIG_HOME/toothcomb/toothcomb.properties} or {@code ~/.config/toothcomb/toothcomb.properties}
 * when it exists), then environment variables ({@code TOOTHCOMB_} and the key in capitals with {@code _} for
 * {@code .}: {@code TOOTHCOMB_SENDER_ID}), then command-line options, each overriding the one before. The keys are
 * listed in {@link #KEYS} and documented in docs/configuration.md with an example file. An unknown key, a key given
 * twice in one file or a bad value is an error naming the file (or variable, or option) and the key.
 *
 * <p>Relative paths in the file are taken from the file's folder; {@code ~/} is the home folder.
 */
public final class Settings {
    /** Every key, with what it holds (for messages). */
    public static final Map<String, String> KEYS = keys();

    /** Where a value came from, for messages. */
    private record Value(String text, String where, Path base) {
    }

    private final Path file;
    private final Map<String, Value> values;

    private Settings(Path file, Map<String, Value> values) {
        this.file = file;
        this.values = values;
    }

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("sender.qualifier", "ISA05 of our answers: an ISA qualifier code (01, 14, 20, 27, 28, 29, 30, 33, ZZ)");
        k.put("sender.id", "ISA06 of our answers: 1 to 15 printable ASCII characters");
        k.put("receiver.qualifier", "ISA07 of our answers: an ISA qualifier code");
        k.put("receiver.id", "ISA08 of our answers: 1 to 15 printable ASCII characters");
        k.put("group.sender", "GS02 of our answers: 2 to 15 printable ASCII characters");
        k.put("group.receiver", "GS03 of our answers: 2 to 15 printable ASCII characters");
        k.put("control.store", "where our control numbers come from: auto (the history database when there is one, "
                + "else control.file), file, or history");
        k.put("control.file", "the control-number file (default $XDG_STATE_HOME/toothcomb/control-number)");
        k.put("output.mode", "permissions of every output, in octal as chmod takes them (0640), whatever the umask");
        k.put("packs", "a folder of extra rule packs (*.pack)");
        k.put("codes", "code-set files (format v2, as --codes) or folders of them (their *.codes and *.tsv files), "
                + "separated by commas");
        k.put("history", "the claim history: a folder for the embedded database or a JDBC URL");
        k.put("log.file", "write the log to this file (appended) instead of stderr");
        k.put("log.level", "error, warn, info, debug or trace");
        k.put("log.format", "text (one line per event) or json (JSON lines, for log shippers)");
        return java.util.Collections.unmodifiableMap(k);
    }

    /** The default configuration file (it need not exist). */
    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("toothcomb").resolve("toothcomb.properties");
    }

    /**
     * Reads the configuration file ({@code explicit}, else {@code TOOTHCOMB_CONFIG}, else the default file when it
     * exists) and the environment's {@code TOOTHCOMB_*} variables, and checks every value.
     */
    public static Settings load(Path explicit, Map<String, String> env) throws ConfigException {
        Map<String, Value> values = new LinkedHashMap<>();
        Path file = explicit;
        String where = "--config";
        if (file == null && env.get("TOOTHCOMB_CONFIG") != null && !env.get("TOOTHCOMB_CONFIG").isEmpty()) {
            file = Path.of(env.get("TOOTHCOMB_CONFIG"));
            where = "TOOTHCOMB_CONFIG";
        }
        boolean required = file != null;
        if (file == null) {
            file = defaultFile(env);
        }
        if (required || Files.exists(file)) {
            readFile(file, where, required, values);
        } else {
            file = null;
        }
        for (String key : KEYS.keySet()) {
            String var = envName(key);
            String v = env.get(var);
            if (v != null) {
                values.put(key, new Value(v, "environment variable " + var, null));
            }
        }
        Settings s = new Settings(file, values);
        s.check();
        return s;
    }

    /** {@code TOOTHCOMB_} and the key in capitals, {@code .} as {@code _}. */
    public static String envName(String key) {
        return "TOOTHCOMB_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void readFile(Path file, String where, boolean required, Map<String, Value> values)
            throws ConfigException {
        Set<String> duplicates = new TreeSet<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    duplicates.add((String) key);
                }
                return super.put(key, value);
            }
        };
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " (from " + where + ") does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage());
        }
        if (!duplicates.isEmpty()) {
            throw new ConfigException(file + ": key '" + duplicates.iterator().next() + "' is given twice; keep one");
        }
        Path base = file.toAbsolutePath().getParent();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!KEYS.containsKey(key)) {
                throw new ConfigException(file + ": unknown key '" + key + "'; the keys are " + String.join(", ",
                        KEYS.keySet()) + " (see docs/configuration.md)");
            }
            values.put(key, new Value(p.getProperty(key).strip(), file.toString(), base));
        }
    }

    /** Puts a command-line option's value over the file's and the environment's (null: the option was not given). */
    public Settings withOption(String key, String value, String option) throws ConfigException {
        if (value == null) {
            return this;
        }
        if (!KEYS.containsKey(key)) {
            throw new IllegalArgumentException("no key " + key);
        }
        Map<String, Value> v = new LinkedHashMap<>(values);
        v.put(key, new Value(value, "option " + option, null));
        Settings s = new Settings(file, v);
        s.check();
        return s;
    }

    /** The configuration file read, or null. */
    public Path file() {
        return file;
    }

    private void check() throws ConfigException {
        for (Map.Entry<String, Value> e : values.entrySet()) {
            String why = problem(e.getKey(), e.getValue().text());
            if (why != null) {
                throw new ConfigException(e.getValue().where() + ": key '" + e.getKey() + "': " + why);
            }
        }
    }

    /** Why {@code value} is not a good value for {@code key}, or null when it is. */
    static String problem(String key, String value) {
        String v = value.strip();
        switch (key) {
            case "sender.qualifier", "receiver.qualifier":
                return AckEnvelope.isQualifier(v) ? null : "'" + v + "' is not an ISA qualifier (01, 14, 20, 27, 28, "
                        + "29, 30, 33 or ZZ)";
            case "sender.id", "receiver.id":
                return ascii(v, 1, 15);
            case "group.sender", "group.receiver":
                return ascii(v, 2, 15);
            case "control.store":
                return List.of("auto", "file", "history").contains(v) ? null
                        : "'" + v + "' is not auto, file or history";
            case "log.level":
                return List.of("error", "warn", "info", "debug", "trace").contains(v.toLowerCase(Locale.ROOT)) ? null
                        : "'" + v + "' is not error, warn, info, debug or trace";
            case "log.format":
                return List.of("text", "json").contains(v.toLowerCase(Locale.ROOT)) ? null
                        : "'" + v + "' is not text or json";
            case "output.mode":
                return v.matches("0?[0-7]{3}") ? null : "'" + v + "' is not an octal mode of three digits such as 0640";
            case "codes":
                return v.isEmpty() ? "is empty" : v.chars().anyMatch(c -> c < 0x20) ? "holds a control character"
                        : java.util.Arrays.stream(v.split(",")).anyMatch(String::isBlank)
                        ? "has an empty entry between commas" : null;
            case "control.file", "packs", "log.file", "history":
                return v.isEmpty() ? "is empty" : v.chars().anyMatch(c -> c < 0x20) ? "holds a control character"
                        : null;
            default:
                return "unknown key";
        }
    }

    private static String ascii(String v, int min, int max) {
        if (v.length() < min || v.length() > max) {
            return "'" + v + "' is " + v.length() + " characters; it must be " + min + " to " + max;
        }
        if (!AckEnvelope.copyable(v)) {
            return "'" + v + "' holds a character that is not printable ASCII or is one of our delimiters (* : ^ ~)";
        }
        return null;
    }

    /** The value of {@code key} as given, or null. */
    public String text(String key) {
        Value v = values.get(key);
        return v == null ? null : v.text().strip();
    }

    /** A path value: relative paths taken from the configuration file's folder, {@code ~/} from the home folder. */
    public Path path(String key) {
        Value v = values.get(key);
        if (v == null) {
            return null;
        }
        String t = v.text().strip();
        if (t.equals("~") || t.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(t.equals("~") ? "" : t.substring(2));
        }
        Path p = Path.of(t);
        return p.isAbsolute() || v.base() == null ? p : v.base().resolve(p);
    }

    /**
     * The code-set files of {@code codes}, in the order given, each resolved like {@link #path}; a folder stands for its
     * {@code *.codes} and {@code *.tsv} files in name order. Empty when the key is not set.
     *
     * @throws ConfigException when an entry does not exist or a folder cannot be listed
     */
    public List<Path> codeFiles() throws ConfigException {
        Value v = values.get("codes");
        if (v == null) {
            return List.of();
        }
        List<Path> out = new java.util.ArrayList<>();
        for (String part : v.text().split(",")) {
            Path p = resolve(part.strip(), v.base());
            if (Files.isDirectory(p)) {
                try (java.util.stream.Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".codes") || f.toString().endsWith(".tsv"))
                            .filter(Files::isRegularFile).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new ConfigException(v.where() + ": key 'codes': the folder " + p + " cannot be listed: "
                            + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new ConfigException(v.where() + ": key 'codes': " + p + " does not exist (a code-set file or a "
                        + "folder of *.codes and *.tsv files)");
            }
        }
        return out;
    }

    /** The permissions of {@code output.mode}, or null when not set (outputs then follow the umask). */
    public Set<java.nio.file.attribute.PosixFilePermission> outputMode() {
        String t = text("output.mode");
        if (t == null) {
            return null;
        }
        int m = Integer.parseInt(t, 8);
        String rwx = "rwxrwxrwx";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            b.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return java.nio.file.attribute.PosixFilePermissions.fromString(b.toString());
    }

    private static Path resolve(String t, Path base) {
        if (t.equals("~") || t.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(t.equals("~") ? "" : t.substring(2));
        }
        Path p = Path.of(t);
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    /** The history: a JDBC URL as given, a folder resolved like {@link #path}. */
    public String history() {
        String t = text("history");
        if (t == null || t.startsWith("jdbc:")) {
            return t;
        }
        return path("history").toString();
    }

    /** Our ids for the answers' envelopes. */
    public OurIds ours() {
        return new OurIds(text("sender.qualifier"), text("sender.id"), text("receiver.qualifier"), text("receiver.id"),
                text("group.sender"), text("group.receiver"));
    }

    /**
     * Where our control numbers come from: with {@code auto} (the default) the history when the run has one, else
     * the file; {@code file} the file always; {@code history} the history, an error when the run has none.
     *
     * @param hasHistory whether this run keeps a claim history
     */
    public ControlSequence controls(boolean hasHistory, Map<String, String> env) throws ConfigException {
        String store = text("control.store") == null ? "auto" : text("control.store");
        Path f = path("control.file") != null ? path("control.file") : FileControlSequence.defaultFile(env);
        ControlSequence file = new FileControlSequence(f);
        return switch (store) {
            case "file" -> file;
            case "history" -> {
                if (!hasHistory) {
                    throw new ConfigException(values.get("control.store").where() + ": key 'control.store': "
                            + "'history' but this run keeps no claim history; give --history or set 'history'");
                }
                yield ControlSequence.preferHistory(count -> {
                    throw new IOException("control.store is 'history' but no history was opened");
                });
            }
            default -> ControlSequence.preferHistory(file);
        };
    }

    /** The log settings: file, level ({@code fallback} when not set) and format. */
    public Logs.Setup logs(String fallbackLevel) {
        String level = text("log.level") == null ? fallbackLevel : text("log.level").toLowerCase(Locale.ROOT);
        return new Logs.Setup(path("log.file"), level,
                "json".equalsIgnoreCase(text("log.format")));
    }
}
