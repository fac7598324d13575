package io.toothcomb.history;

/** The history database cannot be opened, migrated, read or written. The message never carries PHI. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
