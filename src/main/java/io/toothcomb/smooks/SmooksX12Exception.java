package io.toothcomb.smooks;

/**
 * A file the Smooks mapping could not read, or a mapping that could not be loaded. The message is meant for
 * people: it names the file, the interchange and the byte position, never segment content or a stack trace.
 */
public class SmooksX12Exception extends Exception {
    public SmooksX12Exception(String message) {
        super(message);
    }

    public SmooksX12Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
