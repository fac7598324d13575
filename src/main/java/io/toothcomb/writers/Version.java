package io.toothcomb.writers;

/** The version toothcomb reports (in findings.json, the HTML report, --version). */
public final class Version {
    /** The release number, as in the pom without -SNAPSHOT. */
    public static final String NUMBER = "0.1.0";

    private Version() {
    }
}
