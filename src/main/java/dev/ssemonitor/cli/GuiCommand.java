package dev.ssemonitor.cli;

import dev.ssemonitor.ui.MonitorApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gui", description = "Open the monitor window (the default with no command).")
public final class GuiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        MonitorApp.launchApp(new String[0]);
        return 0;
    }
}
