package network.peere.core.domain.identity;

/** As the public docs list it: {@code male}, {@code female}, {@code other}. */
public enum Gender {
    MALE,
    FEMALE,
    OTHER
}
