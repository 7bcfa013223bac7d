package network.peere.http.peerwallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import network.peere.core.domain.billing.TransactionStatus;
import network.peere.core.domain.link.LinkDuration;
import network.peere.core.domain.link.LinkPaymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerwalletWireTest {
    @ParameterizedTest
    @CsvSource({"40, 40", "10.04, 10.04", "20.019, 20.019", "20.0190, 20.0190", "0.5, 0.5"})
    void reads_a_plain_amount_exactly_as_written(String raw, BigDecimal expected) {
        assertThat(PeerwalletWire.amount(raw)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"'1,000.00'", "-5", "+5", "1e3", "10.", ".5", "ten", "'10 04'", "0x10"})
    void refuses_anything_but_digits_and_one_point(String raw) {
        assertThat(PeerwalletWire.amount(raw)).isEmpty();
    }

    @Test
    void counts_the_decimals_an_amount_really_has() {
        assertThat(PeerwalletWire.decimals(new BigDecimal("20.0190"))).isEqualTo(3);
        assertThat(PeerwalletWire.decimals(new BigDecimal("40.00"))).isZero();
        assertThat(PeerwalletWire.decimals(new BigDecimal("10.04"))).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
        "Daily, DAILY",
        "weekly, WEEKLY",
        "MONTHLY, MONTHLY",
        "Quarterly, QUARTERLY",
        "Half-Yearly, HALF_YEARLY",
        "half-yearly, HALF_YEARLY",
        "half_yearly, HALF_YEARLY",
        "Yearly, YEARLY"
    })
    void reads_every_peerwallet_duration_in_any_case(String raw, LinkDuration expected) {
        assertThat(PeerwalletWire.duration(raw)).contains(expected);
        assertThat(PeerwalletWire.duration(PeerwalletWire.duration(expected))).contains(expected);
    }

    @Test
    void refuses_a_duration_peerwallet_does_not_have() {
        assertThat(PeerwalletWire.duration("Fortnightly")).isEmpty();
        assertThat(PeerwalletWire.duration("")).isEmpty();
    }

    @Test
    void writes_half_yearly_as_peerwallet_spells_it() {
        assertThat(PeerwalletWire.duration(LinkDuration.HALF_YEARLY)).isEqualTo("Half-Yearly");
    }

    @ParameterizedTest
    @CsvSource({
        "2022-12-25T10:00:00Z, '25th of December, 2022'",
        "2023-01-01T00:00:00Z, '1st of January, 2023'",
        "2023-03-02T12:00:00Z, '2nd of March, 2023'",
        "2023-04-03T12:00:00Z, '3rd of April, 2023'",
        "2023-05-11T12:00:00Z, '11th of May, 2023'",
        "2023-05-12T12:00:00Z, '12th of May, 2023'",
        "2023-05-13T12:00:00Z, '13th of May, 2023'",
        "2023-05-21T12:00:00Z, '21st of May, 2023'",
        "2023-05-22T12:00:00Z, '22nd of May, 2023'",
        "2023-05-23T12:00:00Z, '23rd of May, 2023'",
        "2023-05-31T23:59:59Z, '31st of May, 2023'"
    })
    void writes_last_date_as_an_english_ordinal_date_in_utc(Instant at, String expected) {
        assertThat(PeerwalletWire.humanDate(at)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "AWAITING_APPROVAL, Pending",
        "PROCESSING, Pending",
        "PAID, Paid",
        "ACTIVE, Paid",
        "DECLINED, Failed",
        "FAILED, Failed",
        "CANCELLED, Cancelled"
    })
    void names_a_links_latest_payment_as_peerwallet_does(LinkPaymentStatus status, String expected) {
        assertThat(PeerwalletWire.paymentStatus(Optional.of(status))).isEqualTo(expected);
    }

    @Test
    void a_link_nobody_started_paying_is_unpaid() {
        assertThat(PeerwalletWire.paymentStatus(Optional.<LinkPaymentStatus>empty()))
                .isEqualTo("Unpaid");
    }

    @ParameterizedTest
    @CsvSource({"PENDING, Pending", "COMPLETED, Paid", "FAILED, Failed", "REFUNDED, Refunded"})
    void names_a_transaction_as_peerwallet_does(TransactionStatus status, String expected) {
        assertThat(PeerwalletWire.paymentStatus(status)).isEqualTo(expected);
    }
}
