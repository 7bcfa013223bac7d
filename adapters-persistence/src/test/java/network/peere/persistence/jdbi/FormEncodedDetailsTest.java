package network.peere.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FormEncodedDetailsTest {
    private static final List<String> TEXTS = List.of(
            "",
            "cus_01JABCDEFGHJKMNPQRSTVWXYZ0",
            "ref-1.2*3_4",
            "a b",
            "x&y=z",
            "line\nbreak",
            "50% off+",
            "Ọláńrewájú",
            "emoji 😀",
            "~!@#$^()[]{}|\\/:;\"'<>,?`");

    @Test
    void encodes_exactly_as_the_jdk_form_encoder() {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            details.put(TEXTS.get(i) + i, TEXTS.get(i));
        }
        String jdk = details.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        assertThat(FormEncodedDetails.encode(details)).isEqualTo(jdk);
        assertThat(FormEncodedDetails.decode(FormEncodedDetails.encode(details)))
                .isEqualTo(details);
    }
}
