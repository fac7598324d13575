package io.toothcomb.watch;

/** Which main class runs {@code watch}: the CLI once the command is registered there, else the command itself. */
final class Launch {
    private Launch() {
    }

    static String mainClass() {
        try {
            Class<?> main = Class.forName("io.toothcomb.cli.Main");
            picocli.CommandLine cl = new picocli.CommandLine(main.getDeclaredConstructor().newInstance());
            if (cl.getSubcommands().containsKey("watch")) {
                return main.getName();
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // fall back to the command's own main
        }
        return WatchCommand.class.getName();
    }
}
