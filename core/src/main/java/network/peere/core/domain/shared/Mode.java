package network.peere.core.domain.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * Sandbox and live are separate worlds: every owned row carries its mode, every query filters on it, and the API key
 * that authenticated a request decides which world the request sees.
 */
public enum Mode {
    SANDBOX("sk_test_"),
    LIVE("sk_live_");

    private final String keyPrefix;

    Mode(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> fromKey(String presentedKey) {
        for (Mode mode : values()) {
            if (presentedKey.startsWith(mode.keyPrefix)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public static Optional<Mode> fromWire(String value) {
        return WireEnums.parse(Mode.class, value);
    }
}
