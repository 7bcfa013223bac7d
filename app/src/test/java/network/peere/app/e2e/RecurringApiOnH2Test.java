package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;

/** The recurring scenarios on the default H2 file database. */
class RecurringApiOnH2Test extends RecurringApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, FAST), PeereRuntime.SYSTEM_CLOCK);
    }
}
