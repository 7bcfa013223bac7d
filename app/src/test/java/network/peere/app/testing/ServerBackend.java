package network.peere.app.testing;

import java.nio.file.Path;
import network.peere.persistence.testing.TestDatabases;

/** The databases an end-to-end suite runs the real server on. */
public enum ServerBackend {
    /** As the README's run command starts it: no configuration, an H2 file under the data directory. */
    H2_FILE,
    /** A fresh MariaDB schema, configured through PEERE_DB_URL as an operator would; dropped when the server stops. */
    MARIADB;

    public RunningServer start(Path dataDir) {
        return switch (this) {
            case H2_FILE -> RunningServer.onDefaultH2(dataDir);
            case MARIADB -> RunningServer.on(TestDatabases.mariaDb(), dataDir);
        };
    }
}
