package dev.ssemonitor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gui", description = "Open the monitor window (the default with no command).")
public final class GuiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        launch(new String[0]);
        return 0;
    }

    static void launch(String[] args) {
        try {
            Class.forName("dev.ssemonitor.ui.MonitorApp").getMethod("launchApp", String[].class)
                    .invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            System.err.println("sse-monitor: the window is not available in this build (" + e + ")");
            System.exit(1);
        }
    }
}
