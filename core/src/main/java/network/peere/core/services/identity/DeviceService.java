package network.peere.core.services.identity;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.PeereStores;

/** Banks link and unlink their customers' devices; a device id belongs to one customer per bank. */
public final class DeviceService implements LinkDevices {
    private final PeereStores stores;
    private final Clock clock;

    public DeviceService(PeereStores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Linking link(LinkDevices.Command command) {
        return stores.transactor().inTransaction(() -> {
            // Serialises links at this bank, so two customers can never both claim one device id.
            stores.customers().lockDirectory(command.mode(), command.bankId());
            if (customer(command).isEmpty()) {
                return new Linking.Rejected(LinkDevices.Rejection.CUSTOMER_NOT_FOUND);
            }
            Optional<Device> existing = stores.devices().find(command.mode(), command.bankId(), command.deviceId());
            if (existing.isPresent()) {
                return existing.get().customerId().equals(command.customerId())
                        ? new Linking.Done(existing.get())
                        : new Linking.Rejected(LinkDevices.Rejection.DEVICE_LINKED_TO_ANOTHER_CUSTOMER);
            }
            if (stores.devices()
                            .devicesOf(command.mode(), command.bankId(), command.customerId())
                            .size()
                    >= Device.PER_CUSTOMER_MAX) {
                return new Linking.Rejected(LinkDevices.Rejection.TOO_MANY_DEVICES);
            }
            var device =
                    new Device(command.mode(), command.bankId(), command.deviceId(), command.customerId(), clock.now());
            stores.devices().link(device);
            return new Linking.Done(device);
        });
    }

    @Override
    public Linking unlink(LinkDevices.Command command) {
        return stores.transactor().inTransaction(() -> {
            if (customer(command).isEmpty()) {
                return new Linking.Rejected(LinkDevices.Rejection.CUSTOMER_NOT_FOUND);
            }
            Optional<Device> existing = stores.devices()
                    .find(command.mode(), command.bankId(), command.deviceId())
                    .filter(d -> d.customerId().equals(command.customerId()));
            if (existing.isEmpty()
                    || !stores.devices()
                            .unlink(command.mode(), command.bankId(), command.deviceId(), command.customerId())) {
                return new Linking.Rejected(LinkDevices.Rejection.DEVICE_NOT_FOUND);
            }
            return new Linking.Done(existing.get());
        });
    }

    /** The customer named by id, if the phrase is that customer's bank-side phrase too. */
    private Optional<Customer> customer(LinkDevices.Command command) {
        return stores.customers()
                .find(command.mode(), command.bankId(), command.customerId())
                .filter(c -> c.phrase().equals(command.phrase()));
    }

    @Override
    public Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page) {
        Page<Device.Listed> result = stores.devices().list(mode, bankId, query, page);
        Invariants.check(
                result.items().stream()
                        .allMatch(d ->
                                d.device().mode() == mode && d.device().bankId().equals(bankId)),
                "a store returned another bank's device");
        return result;
    }
}
