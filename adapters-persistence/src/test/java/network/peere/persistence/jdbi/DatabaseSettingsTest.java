package network.peere.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final String CACHES = "&cachePrepStmts=true&prepStmtCacheSize=500&prepStmtCacheSqlLimit=32768"
            + "&useLocalSessionState=true&cacheServerConfiguration=true&cacheResultSetMetadata=true"
            + "&maintainTimeStats=false&openTelemetry=DISABLED&allowMultiQueries=true";
    private static final String MYSQL_DEFAULTS =
            "useUnicode=true&characterEncoding=UTF-8&connectionTimeZone=UTC&rewriteBatchedStatements=true" + CACHES;

    @Test
    void the_embedded_database_is_a_file_in_the_data_directory_that_other_processes_can_open() {
        var settings = DatabaseSettings.h2File(Path.of("/var/lib/peere/data"));

        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:h2:file:/var/lib/peere/data/peere;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;AUTO_SERVER=TRUE");
        assertThat(settings.effectiveJdbcUrl()).isEqualTo(settings.jdbcUrl());
    }

    @Test
    void an_in_memory_name_cannot_smuggle_in_url_settings() {
        assertThat(DatabaseSettings.h2InMemory("peere_1").jdbcUrl()).startsWith("jdbc:h2:mem:peere_1;MODE=MySQL;");
        assertThatThrownBy(() -> DatabaseSettings.h2InMemory("x;INIT=RUNSCRIPT FROM 'evil'"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adds_connector_properties_to_a_mysql_url_without_any() {
        var settings = new DatabaseSettings("jdbc:mysql://db:3306/peere", "peere", "secret", 10);

        assertThat(settings.effectiveJdbcUrl()).isEqualTo("jdbc:mysql://db:3306/peere?" + MYSQL_DEFAULTS);
    }

    @Test
    void keeps_the_connector_properties_a_mysql_url_gives() {
        var settings =
                new DatabaseSettings("jdbc:mysql://db/peere?sslMode=REQUIRED&CharacterEncoding=latin1", "p", "", 10);

        assertThat(settings.effectiveJdbcUrl())
                .isEqualTo("jdbc:mysql://db/peere?sslMode=REQUIRED&CharacterEncoding=latin1"
                        + "&useUnicode=true&connectionTimeZone=UTC&rewriteBatchedStatements=true" + CACHES);
    }

    @Test
    void never_shows_the_password() {
        var settings = new DatabaseSettings("jdbc:mysql://db/peere?password=hunter2&x=1", "peere", "hunter3", 10);

        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void bounds_the_pool_size() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", DatabaseSettings.POOL_SIZE_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
