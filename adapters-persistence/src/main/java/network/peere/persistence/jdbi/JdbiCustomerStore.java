package network.peere.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerDetails;
import network.peere.core.domain.identity.CustomerFilter;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.Gender;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.CustomerStore;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Customers in the {@code customers} table; device lookups join {@code customer_devices}. */
final class JdbiCustomerStore implements CustomerStore {
    static final String COLUMNS = """
            c.id, c.mode, c.bank_id, c.phrase, c.client_ref, c.reference, c.firstname, c.middlename, c.lastname,
            c.account_name, c.account_number, c.email, c.phone, c.country, c.address, c.gender, c.display_picture,
            c.created_at, c.updated_at, c.version""";

    /** Identifiers (id, bank, phrase, references) and created_at never change, so they are not set here. */
    private static final String UPDATE = """
            UPDATE customers
               SET firstname = :firstname, middlename = :middlename, lastname = :lastname,
                   account_name = :account_name, account_number = :account_number, email = :email, phone = :phone,
                   country = :country, address = :address, gender = :gender, display_picture = :display_picture,
                   updated_at = :updated_at, version = :version
             WHERE id = :id AND mode = :mode AND bank_id = :bank_id AND version = :expected_version""";

    /** The bank's participant row is the directory's lock: it exists, and every writer of the bank takes it first. */
    private static final String LOCK =
            "SELECT id FROM participants WHERE id = :bank_id AND mode = :mode AND role = 'BANK' FOR UPDATE";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM customers c ";
    private static final String IN_BANK = "WHERE c.mode = :mode AND c.bank_id = :bank_id ";

    private static final String LIST = """
            SELECT %s, COUNT(*) OVER () AS total_matches
              FROM customers c
             WHERE %s
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT :limit OFFSET :offset""";

    private static final String COUNT = "SELECT COUNT(*) FROM customers c WHERE %s";

    /** Lookups join the bank: only active banks' customers are reachable, and the answer needs the bank's name. */
    private static final String REACHABLE = "SELECT " + COLUMNS + ", b.name AS bank_name FROM customers c "
            + "JOIN participants b ON b.id = c.bank_id AND b.mode = c.mode AND b.status = 'ACTIVE' ";

    private static final String BY_DEVICE = REACHABLE + """
            JOIN customer_devices d ON d.mode = c.mode AND d.bank_id = c.bank_id AND d.customer_id = c.id
            WHERE d.mode = :mode AND d.device_id = :device_id""";

    private final JdbiTransactor transactor;

    JdbiCustomerStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public boolean lockDirectory(Mode mode, ParticipantId bankId) {
        return transactor.query(
                LOCK,
                query -> query.bind("bank_id", bankId.value())
                        .bind("mode", mode.name())
                        .mapTo(String.class)
                        .findOne()
                        .isPresent());
    }

    @Override
    public void insertAll(List<Customer> customers) {
        transactor.withHandle(handle -> {
            try {
                insertChunks(handle.getConnection(), customers);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            return null;
        });
    }

    /**
     * One statement (up to {@link #INSERT_ROWS_MAX} rows) fails as a whole on a taken key: MariaDB/MySQL (InnoDB) and
     * H2 roll back the failed statement, not the transaction. Longer lists take a savepoint first.
     */
    @Override
    public boolean insertAllIfNew(List<Customer> customers) {
        if (customers.isEmpty()) {
            return true;
        }
        return transactor.inTransaction(() -> transactor.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try {
                Savepoint before = customers.size() > INSERT_ROWS_MAX ? connection.setSavepoint() : null;
                try {
                    insertChunks(connection, customers);
                    return true;
                } catch (SQLException e) {
                    if (!SqlErrors.isDuplicateKey(e)) {
                        throw e;
                    }
                    if (before != null) {
                        connection.rollback(before);
                    }
                    return false;
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }));
    }

    /**
     * One multi-row INSERT per chunk, bound straight on the transaction's JDBC connection: binding 20 columns x 500 rows
     * through JDBI's per-argument machinery and then Connector/J's batch rewrite (which binds them all again) cost more
     * CPU than the database took to store the rows (benchmarks in docs/benchmarks.md). An optional column that no row of
     * the chunk has is left out of the statement (the database stores its default, NULL): a migration rarely sends
     * them, and each one left out is 500 placeholders fewer for the driver to fill and the server to parse.
     */
    private static void insertChunks(Connection connection, List<Customer> customers) throws SQLException {
        for (int from = 0; from < customers.size(); from += INSERT_ROWS_MAX) {
            List<Customer> chunk = customers.subList(from, Math.min(customers.size(), from + INSERT_ROWS_MAX));
            OptionalColumns present = OptionalColumns.of(chunk);
            try (PreparedStatement insert = connection.prepareStatement(multiRowInsert(present, chunk.size()))) {
                var times = new TimeColumn();
                int p = 1;
                for (Customer customer : chunk) {
                    p = bindRow(insert, p, customer, present, times);
                }
                int rows = insert.executeUpdate();
                Invariants.check(rows == chunk.size(), "a multi-row insert stores every row");
            }
        }
    }

    /** Rows per INSERT statement: one migration batch. */
    static final int INSERT_ROWS_MAX = 500;

    /** Which of the optional columns at least one customer of a chunk has: only those are written. */
    private record OptionalColumns(
            boolean middlename, boolean phone, boolean address, boolean gender, boolean displayPicture) {
        static OptionalColumns of(List<Customer> customers) {
            boolean middlename = false;
            boolean phone = false;
            boolean address = false;
            boolean gender = false;
            boolean displayPicture = false;
            for (Customer customer : customers) {
                CustomerDetails details = customer.details();
                middlename |= details.middlename().isPresent();
                phone |= details.phone().isPresent();
                address |= details.address().isPresent();
                gender |= details.gender().isPresent();
                displayPicture |= details.displayPicture().isPresent();
            }
            return new OptionalColumns(middlename, phone, address, gender, displayPicture);
        }
    }

    private static String multiRowInsert(OptionalColumns present, int rows) {
        var columns = new ArrayList<String>(List.of("id", "mode", "bank_id", "phrase", "client_ref", "reference"));
        columns.add("firstname");
        if (present.middlename()) {
            columns.add("middlename");
        }
        columns.addAll(List.of("lastname", "account_name", "account_number", "email"));
        if (present.phone()) {
            columns.add("phone");
        }
        columns.add("country");
        if (present.address()) {
            columns.add("address");
        }
        if (present.gender()) {
            columns.add("gender");
        }
        if (present.displayPicture()) {
            columns.add("display_picture");
        }
        columns.addAll(List.of("created_at", "updated_at", "version"));
        String row = "(" + String.join(",", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        var sql = new StringBuilder("INSERT INTO customers (")
                .append(String.join(", ", columns))
                .append(") VALUES ")
                .append(row);
        for (int r = 1; r < rows; r++) {
            sql.append(',').append(row);
        }
        return sql.toString();
    }

    /** In the order of {@link #multiRowInsert}. */
    private static int bindRow(
            PreparedStatement insert, int first, Customer customer, OptionalColumns present, TimeColumn times)
            throws SQLException {
        CustomerDetails details = customer.details();
        int p = first;
        insert.setString(p++, customer.id().value());
        insert.setString(p++, customer.mode().name());
        insert.setString(p++, customer.bankId().value());
        insert.setString(p++, customer.phrase());
        insert.setString(p++, customer.clientRef());
        insert.setString(p++, customer.reference());
        insert.setString(p++, details.firstname());
        if (present.middlename()) {
            insert.setString(p++, details.middlename().orElse(null));
        }
        insert.setString(p++, details.lastname());
        insert.setString(p++, details.accountName());
        insert.setString(p++, details.accountNumber());
        insert.setString(p++, details.email().value());
        if (present.phone()) {
            insert.setString(p++, details.phone().map(PhoneNumber::value).orElse(null));
        }
        insert.setString(p++, details.country());
        if (present.address()) {
            insert.setString(p++, details.address().orElse(null));
        }
        if (present.gender()) {
            insert.setString(p++, details.gender().map(Gender::name).orElse(null));
        }
        if (present.displayPicture()) {
            insert.setString(p++, details.displayPicture().orElse(null));
        }
        insert.setString(p++, times.column(customer.createdAt()));
        insert.setString(p++, times.column(customer.updatedAt()));
        insert.setLong(p++, customer.version());
        return p;
    }

    /** A batch's customers share one timestamp: it is formatted once, not twice per row. */
    private static final class TimeColumn {
        private java.time.Instant last;
        private String text;

        String column(java.time.Instant instant) {
            if (!instant.equals(last)) {
                last = instant;
                text = UtcColumns.toColumn(instant);
            }
            return text;
        }
    }

    @Override
    public boolean update(Customer changed) {
        int rows = transactor.withHandle(handle -> bindColumns(handle.createUpdate(UPDATE), changed)
                .bind("expected_version", changed.version() - 1)
                .execute());
        return rows == 1;
    }

    @Override
    public Optional<Customer> find(Mode mode, ParticipantId bankId, CustomerId id) {
        return transactor.query(
                SELECT + IN_BANK + "AND c.id = :id",
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("id", id.value())
                        .map(JdbiCustomerStore::customer)
                        .findOne());
    }

    @Override
    public Optional<Customer> findByPhrase(Mode mode, ParticipantId bankId, String phrase) {
        return transactor.query(
                SELECT + IN_BANK + "AND c.phrase = :phrase",
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("phrase", phrase)
                        .map(JdbiCustomerStore::customer)
                        .findOne());
    }

    @Override
    public List<Customer> findByRefs(
            Mode mode, ParticipantId bankId, Collection<String> references, Collection<String> clientRefs) {
        // Two queries, each on its own unique index: with OR between them the optimiser may scan the bank's range,
        // which grows with every batch a migration sends.
        return transactor.withHandle(handle -> {
            Map<String, Customer> found = new LinkedHashMap<>();
            for (var lookup : List.of(Map.entry("reference", references), Map.entry("client_ref", clientRefs))) {
                if (lookup.getValue().isEmpty()) {
                    continue;
                }
                handle.createQuery(SELECT + IN_BANK + "AND c." + lookup.getKey() + " IN (<values>)")
                        .bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bindList("values", List.copyOf(lookup.getValue()))
                        .map(JdbiCustomerStore::customer)
                        .forEach(customer -> found.putIfAbsent(customer.id().value(), customer));
            }
            return List.copyOf(found.values());
        });
    }

    @Override
    public Page<Customer> list(Mode mode, ParticipantId bankId, CustomerFilter filter, PageRequest page) {
        String where = where(filter);
        return transactor.withHandle(handle -> {
            List<Counted> rows = bindFilter(handle.createQuery(LIST.formatted(COLUMNS, where)), mode, bankId, filter)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Counted(customer(row, context), row.getLong("total_matches")))
                    .list();
            if (!rows.isEmpty()) {
                return new Page<>(
                        rows.stream().map(Counted::customer).toList(),
                        rows.getFirst().total());
            }
            long total = bindFilter(handle.createQuery(COUNT.formatted(where)), mode, bankId, filter)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(List.of(), total);
        });
    }

    private record Counted(Customer customer, long total) {}

    /** Only fixed fragments go into the SQL text; every value is a bound parameter. */
    private static String where(CustomerFilter filter) {
        var conditions = new ArrayList<String>();
        conditions.add("c.mode = :mode AND c.bank_id = :bank_id");
        if (!filter.ids().isEmpty()) {
            conditions.add("c.id IN (<ids>)");
        }
        if (!filter.phrases().isEmpty()) {
            conditions.add("c.phrase IN (<phrases>)");
        }
        filter.email().ifPresent(e -> conditions.add("c.email = :email"));
        filter.reference().ifPresent(r -> conditions.add("c.reference = :reference"));
        filter.clientRef().ifPresent(r -> conditions.add("c.client_ref = :client_ref"));
        return String.join(" AND ", conditions);
    }

    private static <S extends SqlStatement<S>> S bindFilter(
            S statement, Mode mode, ParticipantId bankId, CustomerFilter filter) {
        statement.bind("mode", mode.name()).bind("bank_id", bankId.value());
        if (!filter.ids().isEmpty()) {
            statement.bindList(
                    "ids", filter.ids().stream().map(CustomerId::value).toList());
        }
        if (!filter.phrases().isEmpty()) {
            statement.bindList("phrases", filter.phrases());
        }
        filter.email().ifPresent(e -> statement.bind("email", e.value()));
        filter.reference().ifPresent(r -> statement.bind("reference", r));
        filter.clientRef().ifPresent(r -> statement.bind("client_ref", r));
        return statement;
    }

    @Override
    public List<ReachableCustomer> findByIdentity(Mode mode, Identity identity) {
        return transactor.withHandle(handle -> {
            var query = switch (identity) {
                case Identity.ByEmail email ->
                    handle.createQuery(REACHABLE + "WHERE c.mode = :mode AND c.email = :email")
                            .bind("email", email.email().value());
                case Identity.ByPhone phone ->
                    handle.createQuery(REACHABLE + "WHERE c.mode = :mode AND c.phone = :phone")
                            .bind("phone", phone.phone().value());
                case Identity.ByDevice device ->
                    handle.createQuery(BY_DEVICE)
                            .bind("device_id", device.deviceId().value());
            };
            return query.bind("mode", mode.name())
                    .map((row, context) -> new ReachableCustomer(customer(row, context), row.getString("bank_name")))
                    .list();
        });
    }

    private static <S extends SqlStatement<S>> S bindColumns(S statement, Customer customer) {
        CustomerDetails details = customer.details();
        return statement
                .bind("id", customer.id().value())
                .bind("mode", customer.mode().name())
                .bind("bank_id", customer.bankId().value())
                .bind("phrase", customer.phrase())
                .bind("client_ref", customer.clientRef())
                .bind("reference", customer.reference())
                .bind("firstname", details.firstname())
                .bind("middlename", details.middlename().orElse(null))
                .bind("lastname", details.lastname())
                .bind("account_name", details.accountName())
                .bind("account_number", details.accountNumber())
                .bind("email", details.email().value())
                .bind("phone", details.phone().map(PhoneNumber::value).orElse(null))
                .bind("country", details.country())
                .bind("address", details.address().orElse(null))
                .bind("gender", details.gender().map(Gender::name).orElse(null))
                .bind("display_picture", details.displayPicture().orElse(null))
                .bind("created_at", UtcColumns.toColumn(customer.createdAt()))
                .bind("updated_at", UtcColumns.toColumn(customer.updatedAt()))
                .bind("version", customer.version());
    }

    static Customer customer(ResultSet row, StatementContext context) throws SQLException {
        return new Customer(
                new CustomerId(row.getString("id")),
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("bank_id")),
                row.getString("phrase"),
                row.getString("client_ref"),
                row.getString("reference"),
                new CustomerDetails(
                        row.getString("firstname"),
                        Optional.ofNullable(row.getString("middlename")),
                        row.getString("lastname"),
                        row.getString("account_name"),
                        row.getString("account_number"),
                        new Email(row.getString("email")),
                        Optional.ofNullable(row.getString("phone")).map(PhoneNumber::new),
                        row.getString("country"),
                        Optional.ofNullable(row.getString("address")),
                        Optional.ofNullable(row.getString("gender")).map(Gender::valueOf),
                        Optional.ofNullable(row.getString("display_picture"))),
                UtcColumns.instant(row, "created_at"),
                UtcColumns.instant(row, "updated_at"),
                row.getLong("version"));
    }
}
