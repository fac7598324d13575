package io.toothcomb.history;

/** The history database cannot be opened, migrated, read or written. The message never carries PHI. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The embedded (H2) database is open in another process: a second watcher, or a {@code scrub --history}, on
     * the same folder. H2 reports it with error 90020 ("Database may be already in use").
     */
    public boolean heldElsewhere() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && (e.getErrorCode() == 90020
                    || String.valueOf(e.getMessage()).contains("Database may be already in use"))) {
                return true;
            }
        }
        return false;
    }
}
