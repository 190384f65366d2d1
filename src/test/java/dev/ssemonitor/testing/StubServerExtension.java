package dev.ssemonitor.testing;

import dev.ssemonitor.stub.StubServer;
import java.io.PrintStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real stub server on 127.0.0.1 and a free port, for one test class:
 * {@code @RegisterExtension static final StubServerExtension stub = new StubServerExtension();}
 */
public final class StubServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final PrintStream log;
    private StubServer server;

    public StubServerExtension() {
        this(null);
    }

    /** @param log where the stub writes its one line per connection; null for nowhere */
    public StubServerExtension(PrintStream log) {
        this.log = log;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = StubServer.start("127.0.0.1", 0, log);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public int liveConnections() {
        return server.liveConnections();
    }
}
