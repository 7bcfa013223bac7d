package network.peere.core.domain.identity;

import java.util.Locale;
import java.util.Optional;

/** An e-mail identity, normalised (trimmed, lower-cased) so one person's address matches however a bank wrote it. */
public record Email(String value) {
    public static final int LENGTH_MAX = 254;

    public Email {
        if (value == null
                || value.length() > LENGTH_MAX
                || !hasShape(value)
                || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("email must be a normalised address");
        }
    }

    public static Optional<Email> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String normalised = raw.trim().toLowerCase(Locale.ROOT);
        return normalised.length() <= LENGTH_MAX && hasShape(normalised)
                ? Optional.of(new Email(normalised))
                : Optional.empty();
    }

    /**
     * The shape {@code [^@\s]+@[^@\s]+\.[^@\s]+}, checked without a regular expression (a migration batch checks 500
     * addresses, each twice): no whitespace, one {@code @} with something before it, and after it a dot with something
     * on either side.
     */
    static boolean hasShape(String value) {
        int at = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at < 1) {
            return false;
        }
        for (int i = at + 2; i < value.length() - 1; i++) {
            if (value.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
