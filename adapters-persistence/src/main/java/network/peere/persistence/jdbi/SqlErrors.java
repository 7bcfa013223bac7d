package network.peere.persistence.jdbi;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/** What a failed statement says about the row it tried to write, the same way on MySQL, MariaDB and H2. */
final class SqlErrors {
    /** MySQL's and MariaDB's ER_DUP_ENTRY. */
    private static final int MYSQL_DUPLICATE_KEY = 1062;

    /** H2's DUPLICATE_KEY_1. */
    private static final int H2_DUPLICATE_KEY = 23505;

    /** SQLSTATE class 23: integrity constraint violation (MySQL/MariaDB 23000, H2 23505). */
    private static final String INTEGRITY_VIOLATION = "23";

    private SqlErrors() {}

    /** A unique or primary key already taken: the statement failed as a whole, the transaction goes on. */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof SQLIntegrityConstraintViolationException violation
                && (violation.getErrorCode() == MYSQL_DUPLICATE_KEY || violation.getErrorCode() == H2_DUPLICATE_KEY);
    }

    /**
     * The database broke a deadlock by rolling this statement's whole transaction back (SQLSTATE 40001, MySQL's and
     * MariaDB's ER_LOCK_DEADLOCK), so the transaction is gone and can only be run again.
     */
    static boolean isDeadlock(Throwable failure) {
        return failure instanceof SQLException sql && "40001".equals(sql.getSQLState());
    }

    /** Any integrity constraint the row broke (a taken key among them). */
    static boolean isIntegrityViolation(Throwable failure) {
        return failure instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith(INTEGRITY_VIOLATION);
    }
}
