package network.peere.core.domain.shared;

import java.util.Locale;
import java.util.Optional;

/** Wire enums are lower snake_case and inputs match case-insensitively (spec/decisions.md, "Enums"). */
public final class WireEnums {
    private WireEnums() {}

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    public static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
