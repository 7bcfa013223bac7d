package network.peere.core.domain.participant;

import java.math.BigInteger;

final class Base62 {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {}

    static String encode(byte[] bytes, int width) {
        var number = new BigInteger(1, bytes);
        var out = new StringBuilder();
        while (number.signum() > 0) {
            BigInteger[] quotientAndRemainder = number.divideAndRemainder(BASE);
            out.append(DIGITS.charAt(quotientAndRemainder[1].intValue()));
            number = quotientAndRemainder[0];
        }
        if (out.length() > width) {
            throw new IllegalArgumentException("value needs more than " + width + " base62 digits");
        }
        while (out.length() < width) {
            out.append('0');
        }
        return out.reverse().toString();
    }
}
