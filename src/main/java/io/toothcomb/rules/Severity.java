package io.toothcomb.rules;

import java.util.Locale;

/** How bad a finding is. An error rejects the claim; a warning or an info leaves it accepted. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lower-case name used in findings.json and rule packs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info" -> INFO;
            default -> throw new IllegalArgumentException("unknown severity '" + s + "' (use error, warning or info)");
        };
    }
}
