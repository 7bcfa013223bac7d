package network.peere.app.e2e;

import network.peere.app.testing.ServerBackend;

/** The README's run command's setup: no configuration, an H2 file database under the data directory. */
class RateLimitsApiOnH2Test extends RateLimitsApiContract {
    RateLimitsApiOnH2Test() {
        super(ServerBackend.H2_FILE);
    }
}
