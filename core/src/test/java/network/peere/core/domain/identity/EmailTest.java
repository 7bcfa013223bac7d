package network.peere.core.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmailTest {
    /** The shape as it was first written: the hand-written check must answer as this does. */
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Test
    void normalises_and_refuses_what_is_not_an_address() {
        assertThat(Email.parse("  Adaeze@Example.COM ")).contains(new Email("adaeze@example.com"));
        for (String bad : List.of("", "a@b", "@b.c", "a@.c", "a@b.", "a@@b.c", "a b@c.d", "a@b\t.c", "a.b.c")) {
            assertThat(Email.parse(bad)).as(bad).isEmpty();
        }
        assertThat(Email.parse("a@b.c.")).contains(new Email("a@b.c."));
        assertThat(Email.parse("a@.b.c")).contains(new Email("a@.b.c"));
    }

    @Test
    void checks_the_shape_exactly_as_the_regular_expression_did() {
        char[] alphabet = {
            'a', 'Z', '0', '@', '@', '.', '.', '.', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', 'é', '\u2028', '-',
            '+'
        };
        Random random = new Random(20261124L);
        int shaped = 0;
        for (int n = 0; n < 200_000; n++) {
            var text = new StringBuilder();
            int length = random.nextInt(9);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextInt(4) == 0) {
                text.appendCodePoint(0x1F600);
            }
            String value = text.toString();
            assertThat(Email.hasShape(value))
                    .as(value)
                    .isEqualTo(SHAPE.matcher(value).matches());
        }
    }
}
