package io.toothcomb.config;

/** A configuration that cannot be used: the message names the file (or variable, or option), the key and why. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
