package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;

/** The README's run command's setup: no configuration, an H2 file database under the data directory. */
class IdentityApiOnH2Test extends IdentityApiContract {
    @Override
    RunningServer start(Path dataDir) {
        return RunningServer.onDefaultH2(dataDir);
    }
}
