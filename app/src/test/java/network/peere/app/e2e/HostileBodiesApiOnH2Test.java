package network.peere.app.e2e;

import java.nio.file.Path;
import java.util.Map;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;

/** Hostile bodies on the default H2 file database. */
class HostileBodiesApiOnH2Test extends HostileBodiesApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.on(RunningServer.config(dataDir, Map.of()), PeereRuntime.SYSTEM_CLOCK);
    }
}
