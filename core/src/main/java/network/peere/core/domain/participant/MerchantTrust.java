package network.peere.core.domain.participant;

import java.util.Objects;

/**
 * A merchant's trust as the public docs name it: {@code trusted}, {@code trustLevel} and the provider's
 * {@code deviceLookupEnabled} switch.
 */
public record MerchantTrust(Trusted trusted, TrustLevel level, DeviceLookup deviceLookup) {
    public enum Trusted {
        TRUSTED,
        UNTRUSTED
    }

    public enum DeviceLookup {
        ENABLED,
        DISABLED
    }

    public MerchantTrust {
        Objects.requireNonNull(trusted, "trusted");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(deviceLookup, "deviceLookup");
    }

    public static MerchantTrust of(TrustLevel level) {
        return new MerchantTrust(Trusted.TRUSTED, level, DeviceLookup.ENABLED);
    }

    public boolean isTrusted() {
        return trusted == Trusted.TRUSTED;
    }

    public boolean deviceLookupEnabled() {
        return deviceLookup == DeviceLookup.ENABLED;
    }
}
