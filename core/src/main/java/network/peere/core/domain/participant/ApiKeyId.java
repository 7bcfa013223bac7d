package network.peere.core.domain.participant;

/** The public id of an API key (safe to show and log), not the key itself. */
public record ApiKeyId(String value) {
    public ApiKeyId {
        if (!ParticipantId.isWellFormed(value)) {
            throw new IllegalArgumentException("api key id must be 1-40 characters of [A-Za-z0-9_-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
