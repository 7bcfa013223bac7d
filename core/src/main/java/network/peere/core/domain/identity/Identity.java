package network.peere.core.domain.identity;

import java.util.Objects;

/** What a merchant knows about a person and looks them up by. Also the key of the lookup cache. */
public sealed interface Identity {
    record ByEmail(Email email) implements Identity {
        public ByEmail {
            Objects.requireNonNull(email, "email");
        }
    }

    record ByPhone(PhoneNumber phone) implements Identity {
        public ByPhone {
            Objects.requireNonNull(phone, "phone");
        }
    }

    record ByDevice(DeviceId deviceId) implements Identity {
        public ByDevice {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }
}
