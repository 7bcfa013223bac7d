package network.peere.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import network.peere.webhook.JsonMembers.Member;
import network.peere.webhook.JsonMembers.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One JSON object's top-level members, strictly: numbers as written, nesting compact, anything else refused. */
class JsonMembersTest {
    @Test
    void reads_members_in_order_with_numbers_as_written_and_nesting_compact() {
        assertThat(
                        JsonMembers.of(
                                " {\"a\":\"x\\\"y\\u00e9\", \"n\":-10.00e+2, \"b\":true, \"z\":null, \"o\":{ \"k\" : [ 1 , \"s p\" ] }} "))
                .contains(List.of(
                        new Member("a", new Value.Text("x\"yé")),
                        new Member("n", new Value.Literal("-10.00e+2")),
                        new Member("b", new Value.Literal("true")),
                        new Member("z", new Value.Null()),
                        new Member("o", new Value.Nested("{\"k\":[1,\"s p\"]}"))));
        assertThat(JsonMembers.of("{}")).contains(List.of());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "OK",
                "\"success\"",
                "[]",
                "{\"a\":1,}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":tru}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"line\nbreak\"}",
                "{a:1}",
                "{\"a\":1} {}",
                "{\"a\":[1,]}",
                "{\"a\":{\"b\"}}"
            })
    void refuses_what_is_not_exactly_one_json_object(String text) {
        assertThat(JsonMembers.of(text)).isEmpty();
    }

    @Test
    void refuses_nesting_deeper_than_the_limit() {
        String deep = "[".repeat(JsonMembers.DEPTH_MAX) + "]".repeat(JsonMembers.DEPTH_MAX);
        String tooDeep = "[".repeat(JsonMembers.DEPTH_MAX + 1) + "]".repeat(JsonMembers.DEPTH_MAX + 1);

        assertThat(JsonMembers.of("{\"a\":" + deep + "}")).isPresent();
        assertThat(JsonMembers.of("{\"a\":" + tooDeep + "}")).isEmpty();
        assertThat(JsonMembers.of("{\"a\":" + "[".repeat(100_000) + "}")).isEmpty();
    }
}
