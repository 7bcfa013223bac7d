package network.peere.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which held-back writes need no row-count check on the server: plain inserts of exactly the rows promised. */
class InsertsExactlyTest {
    @Test
    void a_plain_insert_of_as_many_rows_as_promised_needs_no_check() {
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a, b) VALUES (:a, :b)", 1))
                .isTrue();
        assertThat(JdbiTransactor.insertsExactly("insert into t (a, b)\nvalues (:a, COALESCE(:b, 1))", 1))
                .isTrue();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a) VALUES (:a0), (:a1),\n(:a2)", 3))
                .isTrue();
    }

    @Test
    void any_other_number_of_rows_or_any_other_statement_keeps_its_check() {
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a, b) VALUES (:a, :b)", 2))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a) VALUES (:a0), (:a1)", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT IGNORE INTO t (a) VALUES (:a)", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly(
                        "INSERT INTO t (a, n) VALUES (:a, 1) ON DUPLICATE KEY UPDATE n = n + 1", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a) SELECT a FROM u WHERE id = :id", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("REPLACE INTO t (a) VALUES (:a)", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("UPDATE t SET a = :a WHERE id = :id", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a) VALUES (:a) RETURNING a", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t SET a = :a", 1)).isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT DELAYED INTO t (a) VALUES (:a)", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly("INSERT INTO t (a) VALUE (:a)", 1))
                .isFalse();
        assertThat(JdbiTransactor.insertsExactly(
                        "INSERT INTO t (values_x) VALUES (:a) ON DUPLICATE KEY UPDATE n = 1", 1))
                .isFalse();
    }
}
