package network.peere.persistence.contract;

import network.peere.persistence.testing.TestDatabases;

/** The JDBI stores on MariaDB (skipped without a server unless -Dpeere.requireMariaDb=true). */
class MariaDbStoresTest extends JdbiStoresSuite {
    MariaDbStoresTest() {
        super(TestDatabases::mariaDb);
    }
}
