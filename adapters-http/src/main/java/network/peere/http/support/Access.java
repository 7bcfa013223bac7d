package network.peere.http.support;

import io.javalin.security.RouteRole;
import java.util.Optional;
import network.peere.core.domain.participant.Role;

/** Who may call a route. Every route names its access when it is registered; there is no default. */
public enum Access implements RouteRole {
    PUBLIC(null),
    /** Any authenticated participant, whatever its role. */
    ANY_PARTICIPANT(null),
    OPERATOR(Role.OPERATOR),
    BANK(Role.BANK),
    PROVIDER(Role.PROVIDER),
    MERCHANT(Role.MERCHANT);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }
}
