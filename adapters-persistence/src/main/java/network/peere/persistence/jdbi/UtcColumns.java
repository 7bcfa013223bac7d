package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants live in DATETIME(6) columns as UTC wall-clock time, converted here and never through the JVM's or the
 * session's time zone. The columns hold microseconds, so instants are truncated on the way in (MariaDB would
 * truncate, MySQL and H2 would round: truncating first makes them agree).
 */
final class UtcColumns {
    /**
     * Values are bound as this text, not as {@link LocalDateTime}: MySQL Connector/J takes MariaDB 10.x for MySQL
     * 5.5 (its handshake says "5.5.5-10.11…") and would drop the fraction of a bound temporal value. Every database
     * here reads this literal into a DATETIME(6) exactly.
     */
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private UtcColumns() {}

    static String toColumn(Instant instant) {
        return LITERAL.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
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
