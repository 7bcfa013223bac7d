package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;

/** The pay page's routes on the default H2 file database. */
class PayPageApiOnH2Test extends PayPageApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, SETTINGS), PeereRuntime.SYSTEM_CLOCK);
    }
}
