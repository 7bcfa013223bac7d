package network.peere.core.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** One HTTP attempt of a delivery: what the receiver answered (or why there was no answer) and how long it took. */
public record DeliveryAttempt(
        String deliveryId,
        int number,
        Instant startedAt,
        OptionalInt statusCode,
        Duration latency,
        Optional<String> error,
        Result result) {
    public static final int ERROR_LENGTH_MAX = 500;

    public enum Result {
        DELIVERED,
        RETRY_SCHEDULED,
        EXHAUSTED,
        ENDPOINT_GONE,
        ENDPOINT_DISABLED
    }

    public DeliveryAttempt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(result, "result");
        error = error.map(text -> text.length() <= ERROR_LENGTH_MAX ? text : text.substring(0, ERROR_LENGTH_MAX));
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1");
        }
    }
}
