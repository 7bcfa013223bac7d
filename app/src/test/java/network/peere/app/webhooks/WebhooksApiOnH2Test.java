package network.peere.app.webhooks;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;

/** The webhook scenarios on the default H2 database. */
class WebhooksApiOnH2Test extends WebhooksApiContract {
    @Override
    RunningServer start(Path dataDir, TestClock clock) {
        return RunningServer.on(RunningServer.config(dataDir, FAST_DELIVERY), clock);
    }
}
