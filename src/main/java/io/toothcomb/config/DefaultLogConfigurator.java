package io.toothcomb.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before toothcomb reads its own (and in embedding and tests): warnings and worse of
 * toothcomb and its libraries to stderr, one line each, in {@link TextLayout}. Found by Logback through
 * {@code META-INF/services}; with {@code -Dlogback.configurationFile} it steps aside for that file.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        try {
            Logs.install(context, Logs.DEFAULT, false);
        } catch (ConfigException impossible) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
