package network.peere.app.webhooks;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;

/** Replay targets on the default H2 database. */
class ReplayTargetsOnH2Test extends ReplayTargetsContract {
    @Override
    RunningServer start(Path dataDir, TestClock clock) {
        return RunningServer.on(RunningServer.config(dataDir, SETTINGS), clock);
    }
}
