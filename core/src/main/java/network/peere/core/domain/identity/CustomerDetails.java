package network.peere.core.domain.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a bank tells the network about one of its customers, already validated; what a PATCH may change. */
public record CustomerDetails(
        String firstname,
        Optional<String> middlename,
        String lastname,
        String accountName,
        String accountNumber,
        Email email,
        Optional<PhoneNumber> phone,
        String country,
        Optional<String> address,
        Optional<Gender> gender,
        Optional<String> displayPicture) {

    public static final int NAME_LENGTH_MAX = 100;
    public static final int ACCOUNT_NAME_LENGTH_MAX = 200;
    public static final int ADDRESS_LENGTH_MAX = 300;
    public static final int DISPLAY_PICTURE_LENGTH_MAX = 500;
    public static final int ACCOUNT_NUMBER_LENGTH_MAX = 34;
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9A-Za-z]{1," + ACCOUNT_NUMBER_LENGTH_MAX + "}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public CustomerDetails {
        requireText(firstname, NAME_LENGTH_MAX, "firstname");
        Objects.requireNonNull(middlename, "middlename").ifPresent(m -> requireText(m, NAME_LENGTH_MAX, "middlename"));
        requireText(lastname, NAME_LENGTH_MAX, "lastname");
        requireText(accountName, ACCOUNT_NAME_LENGTH_MAX, "accountName");
        if (!isValidAccountNumber(accountNumber)) {
            throw new IllegalArgumentException("accountNumber must be 1-34 letters or digits");
        }
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        if (!isValidCountry(country)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code");
        }
        Objects.requireNonNull(address, "address").ifPresent(a -> requireText(a, ADDRESS_LENGTH_MAX, "address"));
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(displayPicture, "displayPicture")
                .ifPresent(p -> requireText(p, DISPLAY_PICTURE_LENGTH_MAX, "displayPicture"));
    }

    public static boolean isValidAccountNumber(String value) {
        return value != null && ACCOUNT_NUMBER.matcher(value).matches();
    }

    /** Upper-case ISO 3166-1 alpha-2, as the JDK knows the assigned codes. */
    public static boolean isValidCountry(String value) {
        return value != null && COUNTRIES.contains(value);
    }

    public static boolean isValidText(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength;
    }

    private static void requireText(String value, int maxLength, String field) {
        if (!isValidText(value, maxLength)) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength + " characters");
        }
    }
}
