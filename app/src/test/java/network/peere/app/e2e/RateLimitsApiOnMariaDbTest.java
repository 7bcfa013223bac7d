package network.peere.app.e2e;

import network.peere.app.testing.ServerBackend;

/** The same scenarios on MariaDB, through PEERE_DB_URL as an operator would configure it. */
class RateLimitsApiOnMariaDbTest extends RateLimitsApiContract {
    RateLimitsApiOnMariaDbTest() {
        super(ServerBackend.MARIADB);
    }
}
