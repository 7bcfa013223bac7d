package network.peere.core.domain.identity;

import java.time.Instant;
import java.util.Objects;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/** A device a bank linked to one of its customers. Within one bank a device id belongs to one customer. */
public record Device(Mode mode, ParticipantId bankId, DeviceId deviceId, CustomerId customerId, Instant linkedAt) {
    /** A customer may have several devices, but not without bound. */
    public static final int PER_CUSTOMER_MAX = 20;

    public Device {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bankId, "bankId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }

    /** A device as the bank's device list shows it: with the customer's bank-side phrase. */
    public record Listed(Device device, String phrase) {}
}
