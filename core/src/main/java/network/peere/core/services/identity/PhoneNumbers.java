package network.peere.core.services.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import network.peere.core.domain.identity.PhoneNumber;

/**
 * Phone numbers checked against real numbering plans (libphonenumber), not a regular expression: {@code +234 801 234
 * 5678} and {@code +2348012345678} are one number, and {@code +2340000} is none.
 *
 * <p>A number already written as {@code +} and digits (how banks send them) skips {@link PhoneNumberUtil#parse}, whose
 * regular expressions for punctuation, extensions and RFC 3966 were most of a migration batch's validation: the country
 * code is read as {@code parse} reads it (the first of its 1-3 leading digits that is a calling code) and the rest is the
 * national number. libphonenumber still decides validity and writes the E.164 form. Where {@code parse} would do more
 * with such a number (strip a national prefix, as in {@code +44 0 20…}, or anything it could not be sure of here), the
 * number goes through {@code parse} as any other; a test compares both paths over every calling code's numbers.
 */
final class PhoneNumbers {
    /** libphonenumber's "unknown region": the number must then carry its country code. */
    private static final String NO_REGION = "ZZ";

    /** libphonenumber's region for calling codes that belong to no country (+800, +882, …). */
    private static final String NON_GEOGRAPHICAL = "001";

    /** As {@code parse}: a country calling code has at most 3 digits; a national number at least 2. */
    private static final int CALLING_CODE_DIGITS_MAX = 3;

    private static final int NATIONAL_DIGITS_MIN = 2;

    /** E.164's shortest and longest: the fast path takes only these; {@code parse} judges anything else. */
    private static final int DIGITS_MIN = 7;

    private static final int DIGITS_MAX = 15;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Set<Integer> callingCodes = util.getSupportedCallingCodes();
    private final MetadataSource metadata =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();

    /** Per calling code: what parse would strip, read from its metadata once. */
    private final ConcurrentHashMap<Integer, NationalPrefix> nationalPrefixes = new ConcurrentHashMap<>();

    /** In E.164 when valid; {@code region} (ISO 3166-1 alpha-2) reads a number written without its country code. */
    Optional<PhoneNumber> parse(String raw, Optional<String> region) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        String text = raw.trim();
        try {
            var number = plainInternational(text);
            if (number == null) {
                number = util.parse(text, region.orElse(NO_REGION));
            }
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code text} read as {@code parse} would read it, when it is {@code +} and 7-15 digits (not starting with 0) and
     * {@code parse} would change none of them; else null, and {@code parse} reads it.
     */
    Phonenumber.PhoneNumber plainInternational(String text) {
        int digits = text.length() - 1;
        if (digits < DIGITS_MIN || digits > DIGITS_MAX || text.charAt(0) != '+' || text.charAt(1) == '0') {
            return null;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int callingCode = 0;
        int codeDigits = 0;
        for (int length = 1; length <= CALLING_CODE_DIGITS_MAX; length++) {
            int candidate = Integer.parseInt(text, 1, 1 + length, 10);
            if (callingCodes.contains(candidate)) {
                callingCode = candidate;
                codeDigits = length;
                break;
            }
        }
        if (callingCode == 0) {
            return null;
        }
        String national = text.substring(1 + codeDigits);
        if (national.length() < NATIONAL_DIGITS_MIN || mayStripNationalPrefix(callingCode, national)) {
            return null;
        }
        var number =
                new Phonenumber.PhoneNumber().setCountryCode(callingCode).setNationalNumber(Long.parseLong(national));
        // As parse keeps them: leading zeros are part of some countries' national numbers (Italy's).
        if (national.length() > 1 && national.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number;
    }

    /**
     * Whether {@code parse} might strip or rewrite a national prefix (or carrier code) at the start of {@code national}:
     * whenever the region's prefix pattern matches anything there, or could rewrite it. No metadata: unsure, so yes.
     */
    private boolean mayStripNationalPrefix(int callingCode, String national) {
        NationalPrefix prefix = nationalPrefixes.computeIfAbsent(callingCode, this::nationalPrefix);
        if (prefix.unknown()) {
            return true;
        }
        if (prefix.pattern().isEmpty()) {
            return false;
        }
        var matcher = prefix.pattern().get().matcher(national);
        return matcher.lookingAt() && (matcher.end() > 0 || prefix.rewrites());
    }

    /** What parse strips from a national number of the calling code: its metadata read once. */
    private record NationalPrefix(boolean unknown, Optional<Pattern> pattern, boolean rewrites) {}

    private NationalPrefix nationalPrefix(int callingCode) {
        PhoneMetadata region = metadataFor(callingCode);
        if (region == null) {
            return new NationalPrefix(true, Optional.empty(), true);
        }
        String pattern = region.getNationalPrefixForParsing();
        return new NationalPrefix(
                false,
                pattern.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(pattern)),
                !region.getNationalPrefixTransformRule().isEmpty());
    }

    /** The metadata {@code parse} uses for numbers of that calling code; null when it cannot be had. */
    private PhoneMetadata metadataFor(int callingCode) {
        String regionCode = util.getRegionCodeForCountryCode(callingCode);
        try {
            return NON_GEOGRAPHICAL.equals(regionCode)
                    ? metadata.getMetadataForNonGeographicalRegion(callingCode)
                    : metadata.getMetadataForRegion(regionCode);
        } catch (RuntimeException missing) {
            return null;
        }
    }
}
