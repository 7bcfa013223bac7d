package network.peere.core.domain.participant;

/** What a participant is on the network; an API key acts with its participant's role. */
public enum Role {
    OPERATOR("op"),
    BANK("bank"),
    PROVIDER("prv"),
    MERCHANT("mer");

    private final String idPrefix;

    Role(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public String idPrefix() {
        return idPrefix;
    }
}
