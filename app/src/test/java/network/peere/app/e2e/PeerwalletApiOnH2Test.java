package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;

/** The Peerwallet-compatible routes on the default H2 file database. */
class PeerwalletApiOnH2Test extends PeerwalletApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, SETTINGS), PeereRuntime.SYSTEM_CLOCK);
    }
}
