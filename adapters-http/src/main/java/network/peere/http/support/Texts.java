package network.peere.http.support;

import java.util.Optional;

/** What a client's text means once the spaces and control characters around it are gone. */
public final class Texts {
    private Texts() {}

    /**
     * The text trimmed of control characters and spaces at either end, or empty when nothing meaningful is left —
     * also when what is left is only Unicode white space ({@code U+3000}, {@code U+2028}): the domain refuses blank
     * values with {@link String#isBlank()}, so anything that passes here passes there too.
     */
    public static Optional<String> meaningful(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.trim();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
