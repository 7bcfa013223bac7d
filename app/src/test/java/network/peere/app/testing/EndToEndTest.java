package network.peere.app.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite that drives one real server through HTTP: started once per class on the given backend, with the demo
 * operator's rate limits raised (decisions.md: tests raise limits, defaults stay), stopped and its database dropped
 * after the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndToEndTest {
    private final ServerBackend backend;

    protected RunningServer server;
    protected HttpApi api;
    protected String operator;

    protected EndToEndTest(ServerBackend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = backend.start(dataDir);
        api = server.api();
        operator = server.operatorKey();
        server.raiseOperatorRateLimits();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
