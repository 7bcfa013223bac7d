package network.peere.core.ports.in.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import network.peere.core.domain.identity.FieldProblem;

/**
 * One customer as a bank sent it, before validation: field name → text as given, plus the problems the edge already
 * found (a number where a string belongs, an unknown field). The core validates the rest, so every problem of an item
 * is reported together.
 */
public record CustomerDraft(Map<String, String> values, List<FieldProblem> problems) {
    public static final String CLIENT_REF = "clientRef";
    public static final String REFERENCE = "reference";
    public static final String FIRSTNAME = "firstname";
    public static final String MIDDLENAME = "middlename";
    public static final String LASTNAME = "lastname";
    public static final String ACCOUNT_NAME = "accountName";
    public static final String ACCOUNT_NUMBER = "accountNumber";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String COUNTRY = "country";
    public static final String ADDRESS = "address";
    public static final String GENDER = "gender";
    public static final String DISPLAY_PICTURE = "displayPicture";

    /** What a change may touch: {@code reference} and {@code clientRef} identify the customer and never change. */
    public static final Set<String> CHANGEABLE = Set.of(
            FIRSTNAME,
            MIDDLENAME,
            LASTNAME,
            ACCOUNT_NAME,
            ACCOUNT_NUMBER,
            EMAIL,
            PHONE,
            COUNTRY,
            ADDRESS,
            GENDER,
            DISPLAY_PICTURE);

    /** Every field a new customer may carry: the changeable ones and the two that identify it. */
    public static final Set<String> FIELDS = Stream.concat(Stream.of(CLIENT_REF, REFERENCE), CHANGEABLE.stream())
            .collect(Collectors.toUnmodifiableSet());

    public CustomerDraft {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
        Objects.requireNonNull(values, "values");
    }

    public static CustomerDraft of(Map<String, String> values) {
        return new CustomerDraft(values, List.of());
    }
}
