package io.toothcomb.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One log event, one JSON object on one line, for log shippers: {@code {"time": "2026-12-02T06:10:00.123Z",
 * "level": "INFO", "logger": "...", "thread": "...", "message": "..."}} and, for an exception, {@code "error":
 * "Class: message"}. Written with jackson-core's generator, which escapes control characters in strings, so a
 * newline in a file name stays inside its string.
 */
public final class JsonLinesLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent e) {
        StringWriter w = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
            g.writeStringField("level", e.getLevel().toString());
            g.writeStringField("logger", e.getLoggerName());
            g.writeStringField("thread", e.getThreadName());
            g.writeStringField("message", e.getFormattedMessage());
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                StringBuilder b = new StringBuilder();
                for (; t != null; t = t.getCause()) {
                    b.append(b.length() == 0 ? "" : " | caused by ").append(t.getClassName()).append(": ")
                            .append(t.getMessage());
                }
                g.writeStringField("error", b.toString());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.append('\n').toString();
    }
}
