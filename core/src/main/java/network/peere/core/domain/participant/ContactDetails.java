package network.peere.core.domain.participant;

import java.util.Optional;

/** Optional public profile fields of a merchant (P1 of the public API); absent means not given. */
public record ContactDetails(
        Optional<String> phone,
        Optional<String> website,
        Optional<String> description,
        Optional<String> country,
        Optional<String> state,
        Optional<String> icon) {

    public static final int FIELD_LENGTH_MAX = 500;

    public ContactDetails {
        phone = checked("phone", phone);
        website = checked("website", website);
        description = checked("description", description);
        country = checked("country", country);
        state = checked("state", state);
        icon = checked("icon", icon);
    }

    public static ContactDetails none() {
        return new ContactDetails(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static Optional<String> checked(String field, Optional<String> value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be Optional.empty(), not null");
        }
        value.ifPresent(v -> {
            if (v.isBlank() || v.length() > FIELD_LENGTH_MAX) {
                throw new IllegalArgumentException(field + " must be 1-" + FIELD_LENGTH_MAX + " characters");
            }
        });
        return value;
    }

    /** These details with every field that {@code changes} has replaced; its empty fields keep the current value. */
    public ContactDetails updatedWith(ContactDetails changes) {
        return new ContactDetails(
                changes.phone.or(() -> phone),
                changes.website.or(() -> website),
                changes.description.or(() -> description),
                changes.country.or(() -> country),
                changes.state.or(() -> state),
                changes.icon.or(() -> icon));
    }
}
