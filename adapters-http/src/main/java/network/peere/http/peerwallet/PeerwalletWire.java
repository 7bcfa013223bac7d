package network.peere.http.peerwallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPaymentStatus;

/**
 * Peerwallet's vocabulary (peerwallet-api.md) and Peere's, translated once: amounts as plain decimal strings,
 * {@code recurring_duration} names, {@code payment_status} words and the English ordinal date of {@code last_date}.
 */
final class PeerwalletWire {
    /** Longer than any amount Peere accepts ({@code AmountParser.MINOR_MAX}) with its decimals; parsed no further. */
    static final int AMOUNT_LENGTH_MAX = 32;

    /** Digits, optionally a point and more digits: no sign, no exponent, no thousands separator. */
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private PeerwalletWire() {}

    /** A plain decimal amount exactly as written (trailing zeros kept; the core decides what the currency allows). */
    static Optional<BigDecimal> amount(String raw) {
        if (raw.length() > AMOUNT_LENGTH_MAX || !PLAIN_AMOUNT.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(raw));
    }

    /** How many decimals an amount really has: {@code 20.0190} has three. */
    static int decimals(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }

    /** {@code Daily} … {@code Half-Yearly} … {@code Yearly}, in any case; {@code half_yearly} and {@code halfyearly} too. */
    static Optional<LinkDuration> duration(String raw) {
        String wanted = squash(raw);
        for (LinkDuration duration : LinkDuration.values()) {
            if (squash(duration.name()).equals(wanted)) {
                return Optional.of(duration);
            }
        }
        return Optional.empty();
    }

    /** As Peerwallet spells it: {@code Half-Yearly}. */
    static String duration(LinkDuration duration) {
        return switch (duration) {
            case DAILY -> "Daily";
            case WEEKLY -> "Weekly";
            case MONTHLY -> "Monthly";
            case QUARTERLY -> "Quarterly";
            case HALF_YEARLY -> "Half-Yearly";
            case YEARLY -> "Yearly";
        };
    }

    private static String squash(String name) {
        return name.replace("-", "").replace("_", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** A link's {@code payment_status}: its latest payment's state, {@code Unpaid} when nobody has started paying. */
    static String paymentStatus(Optional<LinkPaymentStatus> latest) {
        if (latest.isEmpty()) {
            return "Unpaid";
        }
        return switch (latest.get()) {
            case AWAITING_APPROVAL, PROCESSING -> "Pending";
            case PAID, ACTIVE -> "Paid";
            case DECLINED, FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }

    /** A transaction's {@code payment_status}. */
    static String paymentStatus(TransactionStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case COMPLETED -> "Paid";
            case FAILED -> "Failed";
            case REFUNDED -> "Refunded";
        };
    }

    /** {@code 25th of December, 2022}, in UTC: the form Peerwallet's {@code last_date} shows. */
    static String humanDate(Instant instant) {
        ZonedDateTime at = instant.atZone(ZoneOffset.UTC);
        int day = at.getDayOfMonth();
        return day + ordinalSuffix(day) + " of " + at.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
                + at.getYear();
    }

    private static String ordinalSuffix(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
