package network.peere.core.domain.participant;

/** Gates a merchant's capabilities (spec/decisions.md, "Participants, trust, entities"). */
public enum TrustLevel {
    BASIC,
    ENHANCED,
    PREMIUM;

    public boolean atLeast(TrustLevel required) {
        return compareTo(required) >= 0;
    }
}
