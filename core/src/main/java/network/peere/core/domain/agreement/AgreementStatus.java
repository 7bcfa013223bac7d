package network.peere.core.domain.agreement;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An agreement's life (DESIGN.md, "Agreement"), with every allowed transition written once, here. PENDING is the
 * agreement minted with its intent: its phrase exists but cannot bill until an approving decision. A merchant may
 * withdraw an unanswered intent (PENDING → REVOKED).
 */
public enum AgreementStatus {
    PENDING,
    ACTIVE,
    PAUSED,
    DENIED,
    REVOKED,
    EXPIRED,
    EXHAUSTED;

    private static final Map<AgreementStatus, Set<AgreementStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(ACTIVE, PAUSED, DENIED, EXPIRED, REVOKED),
            ACTIVE, EnumSet.of(PAUSED, REVOKED, EXPIRED, EXHAUSTED),
            PAUSED, EnumSet.of(ACTIVE, REVOKED, EXPIRED),
            DENIED, EnumSet.noneOf(AgreementStatus.class),
            REVOKED, EnumSet.noneOf(AgreementStatus.class),
            EXPIRED, EnumSet.noneOf(AgreementStatus.class),
            EXHAUSTED, EnumSet.noneOf(AgreementStatus.class));

    public boolean canBecome(AgreementStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Dead agreements never come back: their phrase is refused for good. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
