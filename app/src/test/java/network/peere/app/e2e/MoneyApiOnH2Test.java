package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;

/** The money scenarios on the default H2 file database. */
class MoneyApiOnH2Test extends MoneyApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, SETTINGS), clock);
    }
}
