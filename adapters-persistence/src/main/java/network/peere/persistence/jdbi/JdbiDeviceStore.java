package network.peere.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.DeviceStore;
import org.jdbi.v3.core.statement.SqlStatement;

/** Linked devices in {@code customer_devices}; the list joins {@code customers} for the bank-side phrase. */
final class JdbiDeviceStore implements DeviceStore {
    private static final String COLUMNS = "d.mode, d.bank_id, d.device_id, d.customer_id, d.linked_at";

    private static final String INSERT = """
            INSERT INTO customer_devices (mode, bank_id, device_id, customer_id, linked_at)
            VALUES (:mode, :bank_id, :device_id, :customer_id, :linked_at)""";

    private static final String DELETE = """
            DELETE FROM customer_devices
             WHERE mode = :mode AND bank_id = :bank_id AND device_id = :device_id AND customer_id = :customer_id""";

    private static final String FIND = "SELECT " + COLUMNS
            + " FROM customer_devices d WHERE d.mode = :mode AND d.bank_id = :bank_id AND d.device_id = :device_id";

    private static final String DEVICES_OF = """
            SELECT device_id FROM customer_devices
             WHERE mode = :mode AND bank_id = :bank_id AND customer_id = :customer_id
             ORDER BY device_id""";

    private static final String FROM = """
              FROM customer_devices d
              JOIN customers c ON c.mode = d.mode AND c.bank_id = d.bank_id AND c.id = d.customer_id
             WHERE d.mode = :mode AND d.bank_id = :bank_id %s""";

    private static final String SEARCH = "AND (d.device_id LIKE :search OR d.customer_id LIKE :search)";

    private final JdbiTransactor transactor;

    JdbiDeviceStore(JdbiTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void link(Device device) {
        transactor.withHandle(handle -> handle.createUpdate(INSERT)
                .bind("mode", device.mode().name())
                .bind("bank_id", device.bankId().value())
                .bind("device_id", device.deviceId().value())
                .bind("customer_id", device.customerId().value())
                .bind("linked_at", UtcColumns.toColumn(device.linkedAt()))
                .execute());
    }

    @Override
    public boolean unlink(Mode mode, ParticipantId bankId, DeviceId deviceId, CustomerId customerId) {
        return transactor.withHandle(handle -> handle.createUpdate(DELETE)
                        .bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("device_id", deviceId.value())
                        .bind("customer_id", customerId.value())
                        .execute())
                == 1;
    }

    @Override
    public Optional<Device> find(Mode mode, ParticipantId bankId, DeviceId deviceId) {
        return transactor.query(
                FIND,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("device_id", deviceId.value())
                        .map((row, context) -> device(row))
                        .findOne());
    }

    @Override
    public List<DeviceId> devicesOf(Mode mode, ParticipantId bankId, CustomerId customerId) {
        return transactor.query(
                DEVICES_OF,
                query -> query.bind("mode", mode.name())
                        .bind("bank_id", bankId.value())
                        .bind("customer_id", customerId.value())
                        .map((row, context) -> new DeviceId(row.getString("device_id")))
                        .list());
    }

    @Override
    public Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page) {
        String from = FROM.formatted(query.search().isPresent() ? SEARCH : "");
        String direction = query.order() == DeviceQuery.SortOrder.ASC ? "ASC" : "DESC";
        // Only fixed fragments go into the SQL text; device ids break ties so the order is total.
        String order = switch (query.sortBy()) {
            case LINKED_AT -> "d.linked_at " + direction + ", d.device_id " + direction;
            case DEVICE_ID -> "d.device_id " + direction;
        };
        return transactor.withHandle(handle -> {
            List<Device.Listed> items = bind(
                            handle.createQuery("SELECT " + COLUMNS + ", c.phrase " + from + " ORDER BY " + order
                                    + " LIMIT :limit OFFSET :offset"),
                            mode,
                            bankId,
                            query)
                    .bind("limit", page.limit())
                    .bind("offset", page.offset())
                    .map((row, context) -> new Device.Listed(device(row), row.getString("phrase")))
                    .list();
            long total = bind(handle.createQuery("SELECT COUNT(*) " + from), mode, bankId, query)
                    .mapTo(Long.class)
                    .one();
            return new Page<>(items, total);
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Mode mode, ParticipantId bankId, DeviceQuery query) {
        statement.bind("mode", mode.name()).bind("bank_id", bankId.value());
        query.search().ifPresent(s -> statement.bind("search", "%" + escapeLike(s) + "%"));
        return statement;
    }

    /** The search is text, never a pattern: LIKE's wildcards and its escape character are escaped. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Device device(ResultSet row) throws SQLException {
        return new Device(
                Mode.valueOf(row.getString("mode")),
                new ParticipantId(row.getString("bank_id")),
                new DeviceId(row.getString("device_id")),
                new CustomerId(row.getString("customer_id")),
                UtcColumns.instant(row, "linked_at"));
    }
}
