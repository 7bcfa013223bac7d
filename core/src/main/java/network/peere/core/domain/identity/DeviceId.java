package network.peere.core.domain.identity;

import java.util.regex.Pattern;

/** A client-generated device id (the docs' example: {@code device_789}), linked by a bank to one of its customers. */
public record DeviceId(String value) {
    public static final int LENGTH_MAX = 128;
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1," + LENGTH_MAX + "}");

    public DeviceId {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("device id must be 1-" + LENGTH_MAX + " visible ASCII characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
