package network.peere.core.ports.out;

import java.util.List;
import java.util.Optional;
import network.peere.core.domain.identity.CustomerId;
import network.peere.core.domain.identity.Device;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.DeviceQuery;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Devices banks linked to their customers; a device id is unique within one bank. Scoped to one bank. */
public interface DeviceStore {
    void link(Device device);

    /** @return false when that device was not linked to that customer */
    boolean unlink(Mode mode, ParticipantId bankId, DeviceId deviceId, CustomerId customerId);

    Optional<Device> find(Mode mode, ParticipantId bankId, DeviceId deviceId);

    /** The devices linked to one customer (at most {@link Device#PER_CUSTOMER_MAX}), by device id. */
    List<DeviceId> devicesOf(Mode mode, ParticipantId bankId, CustomerId customerId);

    Page<Device.Listed> list(Mode mode, ParticipantId bankId, DeviceQuery query, PageRequest page);
}
