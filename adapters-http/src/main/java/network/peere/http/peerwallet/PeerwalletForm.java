package network.peere.http.peerwallet;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import network.peere.core.domain.link.LinkDuration;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;
import network.peere.http.support.Texts;

/**
 * A Peerwallet call's POST values ({@code application/x-www-form-urlencoded}, or {@code multipart/form-data}), read
 * and checked field by field; every problem is reported at once. An empty value counts as absent, as PHP forms send
 * empty optional fields. Fields this adapter does not know are not refused (Peerwallet's own optional-field list was
 * never fully readable, and an integration must keep working by changing only its base URL); the answer names them.
 */
final class PeerwalletForm {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final int EMAIL_LENGTH_MAX = 254;

    private final Context ctx;
    private final List<FieldError> errors = new ArrayList<>();

    private PeerwalletForm(Context ctx) {
        this.ctx = ctx;
    }

    /** The form of a request that sent one; anything else with a body is refused as 415. */
    static PeerwalletForm read(Context ctx) {
        if (!isForm(ctx) && ctx.contentLength() > 0) {
            throw new PeerwalletRefusal(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send POST values as application/x-www-form-urlencoded (or multipart/form-data).");
        }
        if (isForm(ctx)) {
            try {
                // Parsed once, here: a broken body (a cut multipart, no boundary) is the caller's fault, not a 500.
                ctx.formParamMap();
            } catch (Exception unreadable) { // Javalin rethrows the servlet's checked exception undeclared
                throw new PeerwalletRefusal(
                        ErrorCode.INVALID_REQUEST,
                        "The POST values could not be read: the form body is malformed (for multipart/form-data, check"
                                + " the boundary and that every part is complete).");
            }
        }
        return new PeerwalletForm(ctx);
    }

    static boolean isForm(Context ctx) {
        return ctx.isFormUrlencoded() || ctx.isMultipartFormData();
    }

    Optional<String> optional(String field, int maxLength) {
        if (!isForm(ctx)) {
            return Optional.empty();
        }
        Optional<String> meaningful = Texts.meaningful(ctx.formParam(field));
        if (meaningful.isEmpty()) {
            return Optional.empty();
        }
        String text = meaningful.get();
        if (text.length() > maxLength) {
            refuse(field, "too_long", "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<String> required(String field, int maxLength) {
        if (!sent(field)) {
            refuse(field, "required", "is required");
        }
        return optional(field, maxLength);
    }

    private boolean sent(String field) {
        if (!isForm(ctx)) {
            return false;
        }
        return Texts.meaningful(ctx.formParam(field)).isPresent();
    }

    Optional<String> requiredEmail(String field) {
        return required(field, EMAIL_LENGTH_MAX).filter(email -> {
            boolean valid = EMAIL.matcher(email).matches();
            if (!valid) {
                refuse(field, "invalid_format", "must be a valid e-mail address");
            }
            return valid;
        });
    }

    /** A plain decimal ({@code 40}, {@code 10.04}, {@code 20.019}), exactly as sent; never rounded here or later. */
    Optional<BigDecimal> requiredAmount(String field) {
        return required(field, PeerwalletWire.AMOUNT_LENGTH_MAX).flatMap(raw -> {
            Optional<BigDecimal> amount = PeerwalletWire.amount(raw);
            if (amount.isEmpty()) {
                refuse(
                        field,
                        "invalid_format",
                        "must be a plain positive number such as 40, 10.04 or 20.019 (digits and one point; no sign,"
                                + " thousands separator or exponent)");
            }
            return amount;
        });
    }

    /** An ISO 4217 code with minor units, in any case. */
    Optional<Currency> requiredCurrency(String field) {
        return required(field, 3).flatMap(code -> {
            try {
                if (CURRENCY.matcher(code).matches()) {
                    Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
                    if (currency.getDefaultFractionDigits() >= 0) {
                        return Optional.of(currency);
                    }
                }
            } catch (IllegalArgumentException unknown) {
                // refused below
            }
            refuse(field, "invalid_value", "must be an ISO 4217 currency code such as USD, NGN or KWD");
            return Optional.empty();
        });
    }

    /** An absolute http(s) URL; whether Peere may call it is the webhook URL policy's decision, in the core. */
    Optional<URI> requiredUrl(String field, int maxLength) {
        return required(field, maxLength).flatMap(raw -> {
            try {
                URI url = new URI(raw);
                String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
                if (url.isAbsolute() && url.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                    return Optional.of(url);
                }
            } catch (URISyntaxException e) {
                // refused below
            }
            refuse(field, "invalid_format", "must be an absolute http(s) URL");
            return Optional.empty();
        });
    }

    /** {@code yes} makes a link recurring; absent, empty or {@code no} leaves it one-off; anything else is refused. */
    boolean recurring(String field) {
        Optional<String> raw = optional(field, 8);
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("no")) {
            return false;
        }
        if (raw.get().equalsIgnoreCase("yes")) {
            return true;
        }
        refuse(field, "invalid_value", "must be yes or no");
        return false;
    }

    Optional<LinkDuration> requiredDuration(String field, String because) {
        if (!sent(field)) {
            refuse(field, "required", "is required " + because);
            return Optional.empty();
        }
        return optional(field, 32).flatMap(raw -> {
            Optional<LinkDuration> duration = PeerwalletWire.duration(raw);
            if (duration.isEmpty()) {
                refuse(field, "invalid_value", "must be one of Daily, Weekly, Monthly, Quarterly, Half-Yearly, Yearly");
            }
            return duration;
        });
    }

    void refuse(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    /** The names of sent fields outside {@code known}, sorted; the key fields are never listed. */
    List<String> ignored(Set<String> known) {
        if (!isForm(ctx)) {
            return List.of();
        }
        return ctx.formParamMap().keySet().stream()
                .filter(name -> !known.contains(name) && !PeerwalletRoutes.KEY_FIELDS.contains(name))
                .sorted()
                .toList();
    }

    void validOrThrow() {
        if (errors.isEmpty()) {
            return;
        }
        String note = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        throw new PeerwalletRefusal(
                ErrorCode.INVALID_REQUEST, "Invalid request: " + note + ".", errors, java.util.Map.of());
    }
}
