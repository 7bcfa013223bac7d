package network.peere.core.domain.identity;

import java.util.regex.Pattern;

/**
 * A phone identity in E.164 ({@code +2348012345678}). This checks the shape only; whether the number can exist is
 * checked against a real numbering plan when it enters the network (services.identity.PhoneNumbers).
 */
public record PhoneNumber(String value) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PhoneNumber {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException("phone must be E.164, e.g. +2348012345678");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
