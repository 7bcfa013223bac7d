package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Linked devices in a map, behaving as the {@code customer_devices} table does. */
final class InMemoryDeviceStore implements DeviceStore {
    private record Key(Mode mode, ParticipantId bankId, DeviceId deviceId) {}

    private final InMemoryTransactor transactor;
    private final InMemoryCustomerStore customers;

    /** Guarded by the transactor. */
    private final Map<Key, Device> rows = new HashMap<>();

    InMemoryDeviceStore(InMemoryTransactor transactor, InMemoryCustomerStore customers) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    public void link(Device device) {
        Device row = new Device(
                device.mode(),
                device.bankId(),
                device.deviceId(),
                device.customerId(),
                Micros.truncate(device.linkedAt()));
        var key = new Key(row.mode(), row.bankId(), row.deviceId());
        transactor.useTransaction(() -> {
            if (rows.containsKey(key)) {
                throw new IllegalStateException("device " + row.deviceId() + " is already linked at that bank");
            }
            rows.put(key, row);
            transactor.onRollback(() -> rows.remove(key));
        });
    }

    @Override
    public boolean unlink(Mode mode, ParticipantId bankId, DeviceId deviceId, CustomerId customerId) {
        var key = new Key(mode, bankId, deviceId);
        return transactor.inTransaction(() -> {
            Device current = rows.get(key);
            if (current == null || !current.customerId().equals(customerId)) {
                return false;
            }
            rows.remove(key);
            transactor.onRollback(() -> rows.put(key, current));
            return true;
        });
    }

    @Override
    public Optional<Device> find(Mode mode, ParticipantId bankId, DeviceId deviceId) {
        return transactor.inTransaction(() -> Optional.ofNullable(rows.get(new Key(mode, bankId, deviceId))));
    }

    @Override
    public List<DeviceId> devicesOf(Mode mode, ParticipantId bankId, CustomerId customerId) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(d -> d.mode() == mode
                        && d.bankId().equals(bankId)
                        && d.customerId().equals(customerId))
                .map(Device::deviceId)
                .sorted(Comparator.comparing(DeviceId::value))
                .toList());
    }

    @Override
    public Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page) {
        Comparator<Device> byDeviceId = Comparator.comparing(d -> d.deviceId().value());
        Comparator<Device> order = switch (query.sortBy()) {
            case LINKED_AT -> Comparator.comparing(Device::linkedAt).thenComparing(byDeviceId);
            case DEVICE_ID -> byDeviceId;
        };
        Comparator<Device> directed = query.order() == DeviceQuery.SortOrder.ASC ? order : order.reversed();
        return transactor.inTransaction(() -> {
            List<Device.Listed> matches = rows.values().stream()
                    .filter(d -> d.mode() == mode && d.bankId().equals(bankId))
                    .filter(d -> query.search().map(s -> contains(d, s)).orElse(true))
                    .sorted(directed)
                    .flatMap(d -> customers.phraseOf(d.customerId()).map(p -> new Device.Listed(d, p)).stream())
                    .toList();
            return new Page<>(
                    matches.stream().skip(page.offset()).limit(page.limit()).toList(), matches.size());
        });
    }

    /** Every bank's link of that device id in that mode. */
    List<Device> linkedAnywhere(Mode mode, DeviceId deviceId) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(d -> d.mode() == mode && d.deviceId().equals(deviceId))
                .toList());
    }

    /** Like SQL's LIKE '%search%' under a binary collation: case matters. */
    private static boolean contains(Device device, String search) {
        return device.deviceId().value().contains(search)
                || device.customerId().value().contains(search);
    }
}
