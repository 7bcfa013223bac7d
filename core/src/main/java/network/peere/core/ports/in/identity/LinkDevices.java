package network.peere.core.ports.in.identity;

import java.util.Objects;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** A bank links its customers' devices (several per customer), unlinks them and lists them. */
public interface LinkDevices {
    Linking link(Command command);

    Linking unlink(Command command);

    Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page);

    /** The customer is named twice, by id and by its bank-side phrase, as the public docs ask; both must agree. */
    record Command(Mode mode, ParticipantId bankId, CustomerId customerId, String phrase, DeviceId deviceId) {
        public Command {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(bankId, "bankId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(phrase, "phrase");
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    sealed interface Linking {
        /** Linked (or already linked to that customer), or unlinked. */
        record Done(Device device) implements Linking {}

        record Rejected(Rejection reason) implements Linking {}
    }

    /** In precedence order. */
    enum Rejection {
        CUSTOMER_NOT_FOUND,
        DEVICE_NOT_FOUND,
        DEVICE_LINKED_TO_ANOTHER_CUSTOMER,
        TOO_MANY_DEVICES
    }
}
