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
        StartupTrace.mark("main");
        // No arguments: the window, without building the command line first (a tenth of a second of start-up).
        if (args.length == 0) {
            dev.ssemonitor.ui.MonitorApp.launchApp(args);
            System.exit(0);
        }
        System.exit(MainCommand.run(args));
    }
}
