package dev.ssemonitor.cli;

import dev.ssemonitor.stub.StubServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stub", mixinStandardHelpOptions = true,
        description = {"Run the bundled SSE stub server (demo stream and scenarios).", "",
                "The demo time stream is on /sse, every scenario is listed on /scenarios. Binds 127.0.0.1 unless "
                        + "--host says otherwise; Ctrl+C stops it."})
public final class StubCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, defaultValue = "8088", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-q", "--quiet"}, description = "Do not log each connection.")
    boolean quiet;

    @Option(names = "--replay-dir", paramLabel = "DIR",
            description = "Serve /replay from the NDJSON recordings in this folder, and nowhere else (default: no replay).")
    java.nio.file.Path replayDir;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            System.err.println("sse-monitor stub: --port must be 0 to 65535, not " + port);
            return MainCommand.USAGE;
        }
        return StubServer.serve(host, port, quiet, StubServer.Options.defaults().withReplayDir(replayDir));
    }
}
