package network.peere.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void nothing_meaningful_is_empty_whatever_the_white_space_or_control_characters() {
        for (String blank :
                new String[] {null, "", " ", "\t\n", "\u0000", " \u0000 ", "\u3000", "\u2028", "\u0000\u3000"}) {
            assertThat(Texts.meaningful(blank))
                    .as(
                            "%s",
                            blank == null ? "null" : blank.codePoints().boxed().toList())
                    .isEmpty();
        }
    }

    @Test
    void meaningful_text_is_trimmed_and_never_blank_for_the_domain() {
        assertThat(Texts.meaningful("  Ada \u0000")).contains("Ada");
        assertThat(Texts.meaningful("\u3000Ada\u3000")).contains("\u3000Ada\u3000");
        assertThat(Texts.meaningful("\u3000Ada\u3000").map(String::isBlank)).isEqualTo(Optional.of(false));
    }
}
