package network.peere.core.domain.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a merchant may see of a customer before the customer agreed to anything: enough to tell "is this you?", never
 * a full name. The number of stars is fixed, so a masked value does not leak the length of the name either.
 */
public final class Masking {
    private static final String STARS = "***";

    private Masking() {}

    /** Each word's first letter and a fixed mask: {@code "Adaeze Okafor"} → {@code "A*** O***"}. */
    public static String accountName(String accountName) {
        return Arrays.stream(accountName.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.codePoints()
                                .limit(1)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        + STARS)
                .collect(Collectors.joining(" "));
    }

    /** The first name's first letter and the last name's initial: {@code "Adaeze", "Okafor"} → {@code "A*** O."}. */
    public static String customerName(String firstname, String lastname) {
        return initial(firstname) + STARS + " " + initial(lastname) + ".";
    }

    private static String initial(String name) {
        String trimmed = name.trim();
        return trimmed.isEmpty() ? "" : new String(Character.toChars(trimmed.codePointAt(0)));
    }
}
