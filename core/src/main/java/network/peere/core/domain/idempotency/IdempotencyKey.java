package network.peere.core.domain.idempotency;

import java.util.Objects;
import java.util.regex.Pattern;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * A client's idempotency key, scoped to the participant that sent it in one mode: two participants may use the same
 * key without meeting.
 */
public record IdempotencyKey(Mode mode, ParticipantId participantId, String value) {
    public static final int LENGTH_MAX = 255;
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1," + LENGTH_MAX + "}");

    public IdempotencyKey {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(participantId, "participantId");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("an idempotency key is 1-255 visible ASCII characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
