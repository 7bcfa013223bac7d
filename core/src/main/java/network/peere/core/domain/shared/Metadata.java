package network.peere.core.domain.shared;

import java.util.Objects;

/**
 * A merchant's own data attached to an intent or a bill, given back on every webhook and read about it. Held as the
 * JSON object text the edge validated and wrote canonically; the core never looks inside.
 */
public record Metadata(String json) {
    public static final int LENGTH_MAX = 4_000;

    public Metadata {
        Objects.requireNonNull(json, "json");
        if (!json.startsWith("{") || !json.endsWith("}") || json.length() > LENGTH_MAX) {
            throw new IllegalArgumentException("metadata is a JSON object of at most " + LENGTH_MAX + " characters");
        }
    }
}
