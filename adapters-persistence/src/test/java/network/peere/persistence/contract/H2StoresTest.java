package network.peere.persistence.contract;

import network.peere.persistence.testing.TestDatabases;

/** The JDBI stores on H2 in MySQL mode. */
class H2StoresTest extends JdbiStoresSuite {
    H2StoresTest() {
        super(TestDatabases::h2);
    }
}
