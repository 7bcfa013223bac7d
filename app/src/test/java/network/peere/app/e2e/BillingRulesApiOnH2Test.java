package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;

/** The billing rules scenarios on the default H2 file database. */
class BillingRulesApiOnH2Test extends BillingRulesApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, SETTINGS), clock);
    }
}
