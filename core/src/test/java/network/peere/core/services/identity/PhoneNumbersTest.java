package network.peere.core.services.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import network.peere.core.domain.identity.PhoneNumber;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final PhoneNumbers phones = new PhoneNumbers();

    @Test
    void reads_plain_international_numbers_without_parse() {
        assertThat(phones.plainInternational("+2348012345678")).isNotNull();
        assertThat(phones.parse("+2348012345678", Optional.of("NG"))).contains(new PhoneNumber("+2348012345678"));
        assertThat(phones.parse(" +2348012345678 ", Optional.empty())).contains(new PhoneNumber("+2348012345678"));
    }

    @Test
    void leaves_to_parse_what_it_would_change_or_is_not_plain() {
        // A national prefix after the country code: parse strips it.
        assertThat(phones.plainInternational("+4402079460000")).isNull();
        assertThat(phones.parse("+4402079460000", Optional.empty())).contains(new PhoneNumber("+442079460000"));
        assertThat(phones.plainInternational("+234 801 234 5678")).isNull();
        assertThat(phones.parse("+234 801 234 5678", Optional.empty())).contains(new PhoneNumber("+2348012345678"));
        assertThat(phones.plainInternational("08012345678")).isNull();
        assertThat(phones.plainInternational("+0123456789")).isNull();
        assertThat(phones.plainInternational("+123")).isNull();
    }

    @Test
    void refuses_numbers_that_cannot_exist_on_either_path() {
        assertThat(phones.parse("+2340000", Optional.empty())).isEmpty();
        assertThat(phones.parse("+2340000000000", Optional.empty())).isEmpty();
        assertThat(phones.parse("+9991234567", Optional.empty())).isEmpty();
    }

    /**
     * The fast path answers exactly as parse would: every calling code's example numbers of every type, with a national
     * prefix or a stray digit put after the country code, digits changed, added or dropped.
     */
    @Test
    void answers_as_parse_does_for_every_calling_code() {
        Random random = new Random(20261124L);
        List<String> inputs = new ArrayList<>();
        Set<String> regions = new TreeSet<>(UTIL.getSupportedRegions());
        for (int code : UTIL.getSupportedCallingCodes()) {
            UTIL.getRegionCodesForCountryCode(code).stream()
                    .filter(region -> !region.equals("001"))
                    .forEach(regions::add);
            if (UTIL.getRegionCodeForCountryCode(code).equals("001")) {
                var example = UTIL.getExampleNumberForNonGeoEntity(code);
                if (example != null) {
                    addVariants(inputs, UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164), code, random);
                }
            }
        }
        for (String region : regions) {
            for (var type : PhoneNumberUtil.PhoneNumberType.values()) {
                var example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                addVariants(inputs, e164, example.getCountryCode(), random);
                String prefix = UTIL.getNddPrefixForRegion(region, true);
                if (prefix != null) {
                    String code = Integer.toString(example.getCountryCode());
                    addVariants(inputs, "+" + code + prefix + e164.substring(1 + code.length()), 0, random);
                }
            }
        }
        int fast = 0;
        for (String input : inputs) {
            if (phones.plainInternational(input) != null) {
                fast++;
            }
            assertThat(phones.parse(input, Optional.empty())).as(input).isEqualTo(parsed(input));
        }
        assertThat(inputs).hasSizeGreaterThan(10_000);
        assertThat(fast).as("inputs read without parse").isGreaterThan(inputs.size() / 2);
    }

    private static void addVariants(List<String> inputs, String e164, int code, Random random) {
        inputs.add(e164);
        String digits = e164.substring(1);
        int codeLength = code == 0 ? 1 : Integer.toString(code).length();
        for (String stray : List.of("0", "1", "8", "9", "00", "06", "15")) {
            inputs.add("+" + digits.substring(0, codeLength) + stray + digits.substring(codeLength));
        }
        for (int i = 0; i < 20; i++) {
            StringBuilder changed = new StringBuilder(digits);
            int at = codeLength + random.nextInt(Math.max(1, changed.length() - codeLength));
            switch (i % 4) {
                case 0 -> changed.setCharAt(Math.min(at, changed.length() - 1), (char) ('0' + random.nextInt(10)));
                case 1 -> changed.insert(at, (char) ('0' + random.nextInt(10)));
                case 2 -> changed.deleteCharAt(Math.min(at, changed.length() - 1));
                default -> changed.replace(codeLength, changed.length(), randomDigits(random, changed.length()));
            }
            inputs.add("+" + changed);
        }
    }

    private static String randomDigits(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length - 2; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    /** What parse alone answers (as PhoneNumbers did before it had a fast path). */
    private static Optional<PhoneNumber> parsed(String input) {
        try {
            var number = UTIL.parse(input, "ZZ");
            return UTIL.isValidNumber(number)
                    ? Optional.of(new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)))
                    : Optional.empty();
        } catch (NumberParseException | IllegalArgumentException e) {
            // IllegalArgumentException: valid in its plan but longer or shorter than E.164 allows.
            return Optional.empty();
        }
    }
}
