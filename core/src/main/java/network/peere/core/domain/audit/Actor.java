package network.peere.core.domain.audit;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;

/** Who made a change: a participant through one of its API keys, the operator CLI, or the server itself. */
public record Actor(Kind kind, Optional<ParticipantId> participantId, Optional<ApiKeyId> keyId, String label) {
    public enum Kind {
        API_KEY,
        CLI,
        SYSTEM
    }

    public static final int LABEL_LENGTH_MAX = 100;

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(label, "label");
        if (label.length() > LABEL_LENGTH_MAX) {
            throw new IllegalArgumentException("label must be at most " + LABEL_LENGTH_MAX + " characters");
        }
        if (kind == Kind.API_KEY && (participantId.isEmpty() || keyId.isEmpty())) {
            throw new IllegalArgumentException("an API-key actor names its participant and key");
        }
    }

    public static Actor of(Principal principal) {
        return new Actor(Kind.API_KEY, Optional.of(principal.participantId()), Optional.of(principal.keyId()), "");
    }

    /** The operator CLI, labelled with the operating-system user who ran it. */
    public static Actor cli(String osUser) {
        return new Actor(Kind.CLI, Optional.empty(), Optional.empty(), truncate(osUser));
    }

    public static Actor system(String what) {
        return new Actor(Kind.SYSTEM, Optional.empty(), Optional.empty(), truncate(what));
    }

    private static String truncate(String text) {
        String value = text == null ? "" : text;
        return value.length() <= LABEL_LENGTH_MAX ? value : value.substring(0, LABEL_LENGTH_MAX);
    }
}
