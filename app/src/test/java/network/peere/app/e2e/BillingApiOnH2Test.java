package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;

/** The billing scenarios on the default H2 file database. */
class BillingApiOnH2Test extends BillingApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, FAST_DELIVERY), PeereRuntime.SYSTEM_CLOCK);
    }
}
