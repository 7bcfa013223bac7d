package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.ShiftedClock;

/** The recurring scenarios on the default H2 file database. */
class RecurringApiOnH2Test extends RecurringApiContract {
    @Override
    RunningServer start(Path dataDir, ShiftedClock clock) {
        return RunningServer.on(RunningServer.config(dataDir, FAST), clock);
    }
}
