package io.toothcomb.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One log event, one line: {@code 2026-12-02T06:10:00.123+00:00 WARN  [thread] Logger: message}, the message (and
 * an exception's messages) escaped by {@link LogText} so that nothing in a file name starts a line of its own. An
 * exception follows on the same line ({@code | Class: message}); its stack frames only at debug.
 */
public final class TextLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private boolean frames;

    /** Whether an exception's stack frames are written (as {@code | at ...} on the same line). */
    public void setFrames(boolean frames) {
        this.frames = frames;
    }

    @Override
    public String doLayout(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(128);
        b.append(TIME.format(Instant.ofEpochMilli(e.getTimeStamp()))).append(' ');
        String level = e.getLevel().toString();
        b.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
        b.append('[').append(LogText.escape(e.getThreadName())).append("] ");
        String logger = e.getLoggerName();
        b.append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ");
        b.append(LogText.escape(e.getFormattedMessage()));
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(LogText.escape(t.getMessage()));
            if (frames && t.getStackTraceElementProxyArray() != null) {
                for (StackTraceElementProxy f : t.getStackTraceElementProxyArray()) {
                    b.append(" | at ").append(LogText.escape(f.getStackTraceElement().toString()));
                }
            }
        }
        return b.append('\n').toString();
    }
}
