package network.peere.core.domain.shared;

/**
 * Invariants are not rejections: a broken one is a bug (500 and an alert), never an answer to bad input, which is
 * rejected before it reaches the domain.
 */
public final class Invariants {
    private Invariants() {}

    public static void check(boolean condition, String why) {
        if (!condition) {
            throw new IllegalStateException("invariant violated: " + why);
        }
    }

    public static <T> T requireArgument(T value, boolean valid, String why) {
        if (value == null || !valid) {
            throw new IllegalArgumentException(why);
        }
        return value;
    }
}
