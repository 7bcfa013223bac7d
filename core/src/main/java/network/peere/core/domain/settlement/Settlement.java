package network.peere.core.domain.settlement;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;

/**
 * One merchant's window in one currency, settled once: the journal transactions on its payable account it took
 * (charges confirmed less fees, refunds initiated with the fee they give back, failed refunds returned), the amount
 * carried in from the window before, the net, and the payout instruction ({@code payout} = net when positive; a
 * negative net is carried out into the next window).
 */
public record Settlement(
        String id,
        Mode mode,
        ParticipantId merchantId,
        Currency currency,
        Instant windowStart,
        Instant windowEnd,
        long chargesMinor,
        long refundsMinor,
        long feesMinor,
        long carriedInMinor,
        long netMinor,
        long payoutMinor,
        long carriedOutMinor,
        List<SettlementLine> lines,
        Optional<PayoutAccount> payoutAccount,
        PayoutStatus payoutStatus,
        Instant settledAt,
        Instant updatedAt,
        long version) {
    public static final String ID_PREFIX = "stl";
    public static final String PAYOUT_JOURNAL_PREFIX = "jtx";

    public Settlement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        lines = List.copyOf(lines);
        Objects.requireNonNull(payoutAccount, "payoutAccount");
        Objects.requireNonNull(payoutStatus, "payoutStatus");
        Objects.requireNonNull(settledAt, "settledAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("a window ends after it starts");
        }
        if (netMinor != Math.addExact(Math.addExact(chargesMinor - refundsMinor, -feesMinor), carriedInMinor)) {
            throw new IllegalArgumentException("net = charges - refunds - fees + carried in");
        }
        if (payoutMinor != Math.max(netMinor, 0) || carriedOutMinor != Math.min(netMinor, 0)) {
            throw new IllegalArgumentException("a positive net is paid out, a negative one carried out");
        }
        if ((payoutMinor > 0) == (payoutStatus == PayoutStatus.NONE)) {
            throw new IllegalArgumentException("a payout has a status exactly when there is one");
        }
    }

    /**
     * Each bank's net position in this window (Mojaloop's settlement positions): what it owes the network for its
     * customers' charges here, less the refunds it was asked to credit, in minor units.
     */
    public java.util.Map<ParticipantId, Long> bankPositions() {
        java.util.Map<ParticipantId, Long> positions =
                new java.util.TreeMap<>(java.util.Comparator.comparing(ParticipantId::value));
        for (SettlementLine line : lines) {
            if (line.kind() != SettlementLine.Kind.PAYOUT) {
                line.bankId().ifPresent(bank -> positions.merge(bank, line.grossMinor(), Math::addExact));
            }
        }
        return positions;
    }

    /** The same settlement with these lines (stores read lines apart from the settlement's row). */
    public Settlement withLines(List<SettlementLine> nextLines) {
        return new Settlement(
                id,
                mode,
                merchantId,
                currency,
                windowStart,
                windowEnd,
                chargesMinor,
                refundsMinor,
                feesMinor,
                carriedInMinor,
                netMinor,
                payoutMinor,
                carriedOutMinor,
                nextLines,
                payoutAccount,
                payoutStatus,
                settledAt,
                updatedAt,
                version);
    }

    public Settlement withPayoutStatus(PayoutStatus next, Instant now) {
        if (!payoutStatus.canBecome(next)) {
            throw new IllegalStateException("payout of " + id + " cannot go from " + payoutStatus + " to " + next);
        }
        return new Settlement(
                id,
                mode,
                merchantId,
                currency,
                windowStart,
                windowEnd,
                chargesMinor,
                refundsMinor,
                feesMinor,
                carriedInMinor,
                netMinor,
                payoutMinor,
                carriedOutMinor,
                lines,
                payoutAccount,
                next,
                settledAt,
                now,
                version + 1);
    }
}
