package network.peere.core.domain.idempotency;

import java.util.Objects;

/** The answer a first request got, kept so a retry with the same key gets exactly the same answer. */
public record StoredResponse(int status, String contentType, String body) {
    public StoredResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
