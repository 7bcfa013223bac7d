package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants live in DATETIME(6) columns as UTC wall-clock time. Binding and reading {@link LocalDateTime} keeps the
 * driver from converting through the JVM's or the session's time zone. The columns hold microseconds, so instants
 * are truncated on the way in (MariaDB would truncate, MySQL and H2 would round: truncating first makes them agree).
 */
final class UtcColumns {
    private UtcColumns() {}

    static LocalDateTime toColumn(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return optionalInstant(row, column)
                .orElseThrow(() -> new IllegalStateException("column " + column + " is null in a NOT NULL column"));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, LocalDateTime.class))
                .map(value -> value.toInstant(ZoneOffset.UTC));
    }
}
