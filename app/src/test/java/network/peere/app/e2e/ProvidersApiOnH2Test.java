package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;

/** The provider API on the default H2 file database. */
class ProvidersApiOnH2Test extends ProvidersApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.onDefaultH2(dataDir);
    }
}
