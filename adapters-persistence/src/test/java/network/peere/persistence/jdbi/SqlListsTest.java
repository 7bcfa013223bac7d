package network.peere.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqlListsTest {
    @Test
    void pads_to_the_next_power_of_two_with_the_last_value_and_keeps_the_set_of_values() {
        for (int size = 1; size <= 300; size++) {
            List<Integer> values = IntStream.range(0, size).boxed().toList();
            List<Integer> padded = SqlLists.padded(values);

            assertThat(Integer.bitCount(padded.size())).as("size %d", size).isEqualTo(1);
            assertThat(padded.size()).isGreaterThanOrEqualTo(size).isLessThan(Math.max(2, 2 * size));
            assertThat(padded.subList(0, size)).isEqualTo(values);
            assertThat(new HashSet<>(padded)).isEqualTo(new HashSet<>(values));
        }
    }

    @Test
    void refuses_an_empty_list() {
        assertThatThrownBy(() -> SqlLists.padded(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
