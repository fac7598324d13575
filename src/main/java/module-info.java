/**
 * toothcomb, a dental claim scrubber for X12 837D (005010X224A2).
 *
 * <p>What an embedding project sees: {@link io.toothcomb.api} (scrub files, get plain results), the rule SPI
 * {@link io.toothcomb.rules} (write a rule of your own, found with {@link java.util.ServiceLoader}), and what a
 * rule reads, the claim model {@link io.toothcomb.model} and the code set {@link io.toothcomb.codes}. Every other
 * package (the reader, the loader, the rule engine, the writers, the history store, the command line) is internal
 * and not exported.
 *
 * <p>The Smooks integration ({@code io.toothcomb.smooks}) is for class-path use: Smooks and Daffodil are not
 * modules (several of their jars cannot even be automatic modules), so this descriptor does not name them; the
 * package is compiled reading the class path and is not exported.
 */
module io.toothcomb {
    exports io.toothcomb.api;
    exports io.toothcomb.rules;
    exports io.toothcomb.model;
    exports io.toothcomb.codes;

    requires java.logging;
    requires java.sql;
    requires java.xml;
    requires jdk.unsupported; // com.sun.nio.file.ExtendedOpenOption (Windows share modes of the outputs)

    requires info.picocli;
    requires org.slf4j;
    requires jul.to.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires org.apache.commons.io;
    requires com.fasterxml.jackson.core;
    // the claim history's JDBC drivers, found by DriverManager; automatic modules with stable names
    // (Automatic-Module-Name in their manifests)
    requires com.h2database;
    requires org.postgresql.jdbc;

    // plugin rules: a plugin module says "provides io.toothcomb.rules.Rule with ..."; a plugin jar on the class
    // path names its rules in META-INF/services/io.toothcomb.rules.Rule
    uses io.toothcomb.rules.Rule;

    provides ch.qos.logback.classic.spi.Configurator with io.toothcomb.config.DefaultLogConfigurator;

    // picocli sets the annotated fields of the commands by reflection
    opens io.toothcomb.cli to info.picocli;
    opens io.toothcomb.config to info.picocli;
    opens io.toothcomb.generate to info.picocli;
    opens io.toothcomb.watch to info.picocli;
}
