package network.peere.app.testing;

import java.util.HashMap;
import java.util.Map;
import network.peere.core.ports.in.identity.CustomerDraft;

/** A bank's customer as tests migrate one: every required field, unique by {@code n}. */
public final class TestCustomers {
    private TestCustomers() {}

    public static CustomerDraft draft(String n, String email) {
        Map<String, String> values = new HashMap<>();
        values.put("clientRef", "C-" + n);
        values.put("reference", "R-" + n);
        values.put("firstname", "Ada");
        values.put("lastname", "Obi");
        values.put("accountName", "Ada Obi");
        values.put("accountNumber", "0123456789");
        values.put("email", email);
        values.put("country", "NG");
        return CustomerDraft.of(values);
    }

    /** As {@link #draft(String, String)}, with a phone number. */
    public static CustomerDraft draft(String n, String email, String phone) {
        Map<String, String> values = new HashMap<>(draft(n, email).values());
        values.put("phone", phone);
        return CustomerDraft.of(values);
    }
}
