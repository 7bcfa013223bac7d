package network.peere.core.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void an_account_name_keeps_only_each_word_s_first_letter_behind_a_fixed_mask() {
        assertThat(Masking.accountName("Adaeze Chioma Okafor")).isEqualTo("A*** C*** O***");
        assertThat(Masking.accountName("  Bo   Li ")).isEqualTo("B*** L***");
        assertThat(Masking.accountName("Ọlá")).isEqualTo("Ọ***");
    }

    @Test
    void a_customer_name_keeps_only_the_initials_and_never_the_length() {
        assertThat(Masking.customerName("Adaeze", "Okafor")).isEqualTo("A*** O.");
        assertThat(Masking.customerName("Al", "Xu")).hasSameSizeAs(Masking.customerName("Bartholomew", "Nwachukwu"));
    }
}
