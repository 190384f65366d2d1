package dev.ssemonitor;

import dev.ssemonitor.cli.MainCommand;

/**
 * The jar's entry point. A plain class, not the JavaFX Application subclass, so the fat jar starts on a classpath
 * JavaFX ("JavaFX runtime components are missing" otherwise). No arguments open the window; anything else is a
 * command.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.exit(MainCommand.run(args));
    }
}
