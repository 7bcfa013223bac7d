package network.peere.core.domain.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import network.peere.core.domain.money.Money;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {
    @Test
    void basis_points_round_half_up_then_fixed_minimum_and_cap_apply_in_that_order() {
        var schedule = new FeeSchedule(150, 10_000, 0, Optional.of(200_000L));
        assertThat(schedule.feeFor(Money.of(150_050, "NGN"))).isEqualTo(Money.of(2_251 + 10_000, "NGN"));
        assertThat(schedule.feeFor(Money.of(100_000_000, "NGN"))).isEqualTo(Money.of(200_000, "NGN"));
        var minimum = new FeeSchedule(0, 0, 5_000, Optional.empty());
        assertThat(minimum.feeFor(Money.of(100, "NGN")))
                .as("never more than the charge")
                .isEqualTo(Money.of(100, "NGN"));
        assertThatThrownBy(() -> new FeeSchedule(10_001, 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeeSchedule(100, 0, 500, Optional.of(499L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void a_fee_is_between_zero_and_the_charge(
            @ForAll @IntRange(min = 0, max = 10_000) int bps,
            @ForAll @LongRange(min = 0, max = 1_000_000) long fixed,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount) {
        Money fee = new FeeSchedule(bps, fixed, 0, Optional.empty()).feeFor(Money.of(amount, "NGN"));
        assertThat(fee.minor()).isBetween(0L, amount);
    }

    @Property
    void partial_refunds_that_add_up_to_the_charge_give_back_exactly_the_whole_fee(
            @ForAll @LongRange(min = 1, max = 10_000_000) long amount,
            @ForAll @IntRange(min = 0, max = 10_000) int bps,
            @ForAll @IntRange(min = 1, max = 12) int parts) {
        Money charge = Money.of(amount, "NGN");
        Money fee = new FeeSchedule(bps, 0, 0, Optional.empty()).feeFor(charge);
        List<Money> pieces = new ArrayList<>();
        long left = amount;
        for (int i = parts; i > 1 && left > 1; i--) {
            long piece = Math.max(1, left / i);
            pieces.add(Money.of(piece, "NGN"));
            left -= piece;
        }
        pieces.add(Money.of(left, "NGN"));
        Money refunded = Money.zero(charge.currency());
        Money returned = Money.zero(charge.currency());
        for (Money piece : pieces) {
            Money back = FeeSchedule.feeReturned(charge, fee, refunded, returned, piece);
            assertThat(back.minor())
                    .as("a refund never gives back more than its share, nor a negative one")
                    .isBetween(0L, piece.minor());
            refunded = refunded.plus(piece);
            returned = returned.plus(back);
        }
        assertThat(refunded).isEqualTo(charge);
        assertThat(returned).isEqualTo(fee);
    }
}
