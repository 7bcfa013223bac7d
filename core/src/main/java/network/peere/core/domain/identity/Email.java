package network.peere.core.domain.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An e-mail identity, normalised (trimmed, lower-cased) so one person's address matches however a bank wrote it. */
public record Email(String value) {
    public static final int LENGTH_MAX = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Email {
        if (value == null
                || value.length() > LENGTH_MAX
                || !SHAPE.matcher(value).matches()
                || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("email must be a normalised address");
        }
    }

    public static Optional<Email> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String normalised = raw.trim().toLowerCase(Locale.ROOT);
        return normalised.length() <= LENGTH_MAX && SHAPE.matcher(normalised).matches()
                ? Optional.of(new Email(normalised))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
