package dev.ssemonitor.cli;

import dev.ssemonitor.contract.ContractService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "contract-service", mixinStandardHelpOptions = true,
        description = {"Serve the test service of LaunchDarkly's sse-contract-tests over this engine.", "",
                "Then check the engine with: sse-contract-tests --url http://127.0.0.1:8000"})
public final class ContractServiceCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws Exception {
        ContractService service = ContractService.start(host, port);
        System.out.println("contract test service on http://" + host + ":" + service.port() + "/ (capabilities: "
                + String.join(", ", ContractService.CAPABILITIES) + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitStop();
        return 0;
    }
}
