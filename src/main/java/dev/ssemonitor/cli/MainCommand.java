package dev.ssemonitor.cli;

import dev.ssemonitor.AppInfo;
import dev.ssemonitor.ui.MonitorApp;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sse-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = MainCommand.Version.class,
        description = {"A client and monitor for Server-Sent Events.", "",
                "With no command, opens the monitor window."})
public final class MainCommand implements Runnable {
    /** Exit code for bad usage (sysexits EX_USAGE). */
    public static final int USAGE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command: the window, the one way it opens. Returns when the window is closed. */
    @Override
    public void run() {
        MonitorApp.launchApp(new String[0]);
    }

    public static int run(String... args) {
        String first = args.length > 0 ? args[0] : null;
        if ("watch".equals(first)) WatchCommand.warmUpInBackground();
        return commandLine(first).execute(args);
    }

    /** The whole command tree: every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a run whose first argument is {@code first}: when it names a subcommand, that one alone.
     * Picocli reads each command's options by reflection when it is added, a tenth of a second for all three, which a
     * {@code watch} in a script pays on every run; {@code --help}, no argument and a misspelt name get all of them.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new MainCommand());
        Object only = first == null ? null : switch (first) {
            case "watch" -> new WatchCommand();
            case "stub" -> new StubCommand();
            case "contract-service" -> new ContractServiceCommand();
            default -> null;
        };
        if (only != null) {
            cl.addSubcommand(first, only);
        } else {
            cl.addSubcommand(new WatchCommand());
            cl.addSubcommand(new StubCommand());
            cl.addSubcommand(new ContractServiceCommand());
        }
        // "-H @file" is ours (headers from a file, as curl reads them), not picocli's argument files.
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.name() + " " + AppInfo.version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
