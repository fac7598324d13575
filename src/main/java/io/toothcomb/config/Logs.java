package io.toothcomb.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up the log: SLF4J with Logback, configured in code (no XML to parse at start-up). toothcomb's own loggers
 * ({@code io.toothcomb.*}) log at the level asked for; libraries at warn. Records of the JDK's logger
 * (java.util.logging, used by the PostgreSQL driver and by older parts of toothcomb) reach the same log through
 * jul-to-slf4j, with Logback's levels copied to it so that a record below the level costs nothing.
 *
 * <p>Whoever sets {@code -Dlogback.configurationFile} keeps full control: then nothing here changes Logback.
 */
public final class Logs {
    /** How to log: a file (null: stderr), a level ({@code warn}, {@code info}...), JSON lines or text. */
    public record Setup(Path file, String level, boolean json) {
    }

    /** stderr, text, toothcomb at warn: what a run has before its configuration is read. */
    public static final Setup DEFAULT = new Setup(null, "warn", false);

    private Logs() {
    }

    /** Applies {@code setup} to Logback, replacing whatever was there. */
    public static void configure(Setup setup) throws ConfigException {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        synchronized (Logs.class) {
            ctx.reset();
            install(ctx, setup, true);
        }
    }

    /**
     * Sets up {@code ctx}; the default configurator calls it too, with {@code bridgeJul} false so that embedding code
     * (and tests) keep the JDK logger as they set it.
     */
    static void install(LoggerContext ctx, Setup setup, boolean bridgeJul) throws ConfigException {
        if (bridgeJul) {
            LevelChangePropagator jul = new LevelChangePropagator();
            jul.setContext(ctx);
            jul.setResetJUL(true);
            jul.start();
            ctx.addListener(jul);
        }

        LayoutBase<ILoggingEvent> layout;
        if (setup.json()) {
            layout = new JsonLinesLayout();
        } else {
            TextLayout t = new TextLayout();
            t.setFrames("debug".equals(setup.level()) || "trace".equals(setup.level()));
            layout = t;
        }
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        Appender<ILoggingEvent> appender;
        if (setup.file() != null) {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(setup.file().toAbsolutePath().toString());
            f.setAppend(true);
            f.setPrudent(false);
            f.setContext(ctx);
            f.setEncoder(encoder);
            f.setName("file");
            f.start();
            if (!f.isStarted()) {
                String why = "";
                for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
                    if (s.getLevel() == Status.ERROR && s.getThrowable() != null) {
                        why = ": " + s.getThrowable().getMessage();
                    }
                }
                ctx.reset();
                installConsoleOnly(ctx, bridgeJul);
                throw new ConfigException("log.file " + setup.file() + " cannot be opened for writing" + why);
            }
            appender = f;
        } else {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            c.setTarget("System.err");
            c.setContext(ctx);
            c.setEncoder(encoder);
            c.setName("stderr");
            c.start();
            appender = c;
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        ctx.getLogger("io.toothcomb").setLevel(Level.toLevel(setup.level(), Level.WARN));
        if (bridgeJul && !SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static void installConsoleOnly(LoggerContext ctx, boolean bridgeJul) {
        try {
            install(ctx, DEFAULT, bridgeJul);
        } catch (ConfigException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
