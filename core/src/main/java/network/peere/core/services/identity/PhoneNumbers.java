package network.peere.core.services.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import network.peere.core.domain.identity.PhoneNumber;

/**
 * Phone numbers checked against real numbering plans (libphonenumber), not a regular expression: {@code +234 801 234
 * 5678} and {@code +2348012345678} are one number, and {@code +2340000} is none.
 */
final class PhoneNumbers {
    /** libphonenumber's "unknown region": the number must then carry its country code. */
    private static final String NO_REGION = "ZZ";

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** In E.164 when valid; {@code region} (ISO 3166-1 alpha-2) reads a number written without its country code. */
    Optional<PhoneNumber> parse(String raw, Optional<String> region) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            var number = util.parse(raw.trim(), region.orElse(NO_REGION));
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
