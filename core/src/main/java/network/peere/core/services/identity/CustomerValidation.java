package network.peere.core.services.identity;

import static network.peere.core.ports.in.identity.CustomerDraft.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.CustomerDetails;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.FieldProblem;
import network.peere.core.domain.identity.Gender;
import network.peere.core.domain.identity.PhoneNumber;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.identity.CustomerDraft;

/** Turns a bank's draft into valid customer fields, or every problem it has, for new customers and for changes. */
final class CustomerValidation {
    sealed interface Result {
        record Valid(String clientRef, String reference, CustomerDetails details) implements Result {}

        record Invalid(List<FieldProblem> problems) implements Result {}
    }

    private final PhoneNumbers phones = new PhoneNumbers();

    Result newCustomer(CustomerDraft draft) {
        return validate(draft.values(), draft.problems());
    }

    /** A batch's drafts, in order. */
    List<Result> newCustomers(List<CustomerDraft> drafts) {
        return drafts.stream().map(this::newCustomer).toList();
    }

    /** The current customer with the draft's fields laid over it; an empty value clears an optional field. */
    Result changed(Customer current, CustomerDraft changes) {
        Map<String, String> merged = new HashMap<>(asDraft(current));
        changes.values().forEach((field, value) -> {
            if (value.isEmpty() && OPTIONAL.contains(field)) {
                merged.remove(field);
            } else {
                merged.put(field, value);
            }
        });
        return validate(merged, changes.problems());
    }

    private static final List<String> OPTIONAL = List.of(MIDDLENAME, ADDRESS, GENDER, PHONE, DISPLAY_PICTURE);

    private Result validate(Map<String, String> values, List<FieldProblem> earlier) {
        var reader = new Reader(values, new ArrayList<>(earlier));
        String clientRef = reader.required(CLIENT_REF, Customer.REF_LENGTH_MAX);
        String reference = reader.required(REFERENCE, Customer.REF_LENGTH_MAX);
        String firstname = reader.required(FIRSTNAME, CustomerDetails.NAME_LENGTH_MAX);
        Optional<String> middlename = reader.optional(MIDDLENAME, CustomerDetails.NAME_LENGTH_MAX);
        String lastname = reader.required(LASTNAME, CustomerDetails.NAME_LENGTH_MAX);
        String accountName = reader.required(ACCOUNT_NAME, CustomerDetails.ACCOUNT_NAME_LENGTH_MAX);
        String accountNumber = reader.required(ACCOUNT_NUMBER, CustomerDetails.ACCOUNT_NUMBER_LENGTH_MAX);
        if (accountNumber != null && !CustomerDetails.isValidAccountNumber(accountNumber)) {
            reader.problem(ACCOUNT_NUMBER, "invalid_format", "must be letters and digits only");
            accountNumber = null;
        }
        Email email = reader.required(EMAIL, Email.LENGTH_MAX) == null
                ? null
                : Email.parse(values.get(EMAIL)).orElseGet(() -> {
                    reader.problem(EMAIL, "invalid_format", "must be a valid e-mail address");
                    return null;
                });
        String country = reader.required(COUNTRY, 64);
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!CustomerDetails.isValidCountry(country)) {
                reader.problem(COUNTRY, "invalid_value", "must be an ISO 3166-1 alpha-2 country code, e.g. NG");
                country = null;
            }
        }
        Optional<String> region = Optional.ofNullable(country);
        Optional<PhoneNumber> phone = reader.optional(PHONE, 40).flatMap(raw -> {
            Optional<PhoneNumber> parsed = phones.parse(raw, region);
            if (parsed.isEmpty()) {
                reader.problem(
                        PHONE,
                        "invalid_format",
                        "must be a valid phone number with its country code, e.g. +2348012345678");
            }
            return parsed;
        });
        Optional<String> address = reader.optional(ADDRESS, CustomerDetails.ADDRESS_LENGTH_MAX);
        Optional<Gender> gender = reader.optional(GENDER, 16).flatMap(raw -> {
            Optional<Gender> parsed = WireEnums.parse(Gender.class, raw);
            if (parsed.isEmpty()) {
                reader.problem(GENDER, "invalid_value", "must be one of male, female, other");
            }
            return parsed;
        });
        Optional<String> picture = reader.optional(DISPLAY_PICTURE, CustomerDetails.DISPLAY_PICTURE_LENGTH_MAX);
        if (!reader.problems.isEmpty()) {
            return new Result.Invalid(reader.problems);
        }
        return new Result.Valid(
                clientRef,
                reference,
                new CustomerDetails(
                        firstname,
                        middlename,
                        lastname,
                        accountName,
                        accountNumber,
                        email,
                        phone,
                        country,
                        address,
                        gender,
                        picture));
    }

    private static Map<String, String> asDraft(Customer customer) {
        var details = customer.details();
        Map<String, String> values = new HashMap<>();
        values.put(CLIENT_REF, customer.clientRef());
        values.put(REFERENCE, customer.reference());
        values.put(FIRSTNAME, details.firstname());
        details.middlename().ifPresent(v -> values.put(MIDDLENAME, v));
        values.put(LASTNAME, details.lastname());
        values.put(ACCOUNT_NAME, details.accountName());
        values.put(ACCOUNT_NUMBER, details.accountNumber());
        values.put(EMAIL, details.email().value());
        details.phone().ifPresent(v -> values.put(PHONE, v.value()));
        values.put(COUNTRY, details.country());
        details.address().ifPresent(v -> values.put(ADDRESS, v));
        details.gender().ifPresent(v -> values.put(GENDER, WireEnums.wireName(v)));
        details.displayPicture().ifPresent(v -> values.put(DISPLAY_PICTURE, v));
        return values;
    }

    /** Reads fields, skipping those the edge already refused so each field is reported once. */
    private static final class Reader {
        private final Map<String, String> values;
        private final List<FieldProblem> problems;

        Reader(Map<String, String> values, List<FieldProblem> problems) {
            this.values = values;
            this.problems = problems;
        }

        String required(String field, int maxLength) {
            if (alreadyRefused(field)) {
                return null;
            }
            String raw = values.get(field);
            if (raw == null) {
                problem(field, "required", "is required");
                return null;
            }
            return checked(field, raw, maxLength).orElse(null);
        }

        Optional<String> optional(String field, int maxLength) {
            String raw = values.get(field);
            if (raw == null || alreadyRefused(field)) {
                return Optional.empty();
            }
            return checked(field, raw, maxLength);
        }

        private Optional<String> checked(String field, String raw, int maxLength) {
            String text = raw.trim();
            if (text.isEmpty()) {
                problem(field, "blank", "must not be blank");
                return Optional.empty();
            }
            if (text.length() > maxLength) {
                problem(field, "too_long", "must be at most " + maxLength + " characters");
                return Optional.empty();
            }
            return Optional.of(text);
        }

        private boolean alreadyRefused(String field) {
            return problems.stream().anyMatch(p -> p.field().equals(field));
        }

        void problem(String field, String code, String message) {
            problems.add(new FieldProblem(field, code, message));
        }
    }
}
