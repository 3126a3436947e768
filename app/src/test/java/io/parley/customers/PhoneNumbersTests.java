package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTests {

  @Test
  void oneNumberWhateverItsFormat() {
    assertThat(PhoneNumbers.e164("+86 138 0013 8000")).contains("+8613800138000");
    assertThat(PhoneNumbers.e164("13800138000")).contains("+8613800138000");
    assertThat(PhoneNumbers.e164("0086 138-0013-8000")).contains("+8613800138000");
    assertThat(PhoneNumbers.e164("+1 (415) 555-0100")).contains("+14155550100");
    assertThat(PhoneNumbers.e164("not a number")).isEmpty();
  }

  @Test
  void maskedNumbersTellCustomersApartWithoutGivingTheNumberAway() {
    assertThat(PhoneNumbers.masked("13800138000")).isEqualTo("+86 138****8000");
  }
}
