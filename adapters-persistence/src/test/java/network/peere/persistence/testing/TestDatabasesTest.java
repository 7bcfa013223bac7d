package network.peere.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDatabasesTest {
    @Test
    void puts_the_test_schema_into_the_server_url_and_keeps_its_properties() {
        assertThat(TestDatabases.withSchema("jdbc:mysql://127.0.0.1:3306/", "s"))
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/s");
        assertThat(TestDatabases.withSchema("jdbc:mysql://db", "s")).isEqualTo("jdbc:mysql://db/s");
        assertThat(TestDatabases.withSchema("jdbc:mysql://db:3307/other?sslMode=DISABLED", "s"))
                .isEqualTo("jdbc:mysql://db:3307/s?sslMode=DISABLED");
    }
}
