package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SmsAddressTest {

  @Test
  void anMsisdnRoundTripsThroughItsAddress() {
    for (String msisdn : new String[] {"1", "33612345678", "123456789012345", "1234567890123456", "0000"}) {
      InetSocketAddress address = SmsAddress.of(msisdn);
      assertThat(SmsAddress.msisdn(address)).contains(msisdn);
      assertThat(SmsAddress.isSms(address)).isTrue();
      assertThat(address.getPort()).isEqualTo(SmsAddress.PORT);
    }
  }

  @Test
  void aLeadingPlusIsDropped() {
    assertThat(SmsAddress.of("+33612345678")).isEqualTo(SmsAddress.of("33612345678"));
    assertThat(SmsAddress.describe(SmsAddress.of("+33612345678"))).isEqualTo("sms:33612345678");
  }

  @Test
  void distinctNumbersGetDistinctAddresses() {
    assertThat(SmsAddress.of("123")).isNotEqualTo(SmsAddress.of("1230"));
    assertThat(SmsAddress.of("0123")).isNotEqualTo(SmsAddress.of("123"));
  }

  @Test
  void theAddressLiesInTheDiscardPrefix() {
    assertThat(SmsAddress.of("33612345678").getAddress().getHostAddress()).startsWith("100:0:0:0:");
  }

  @Test
  void udpAddressesAreNotSms() {
    assertThat(SmsAddress.isSms(new InetSocketAddress("127.0.0.1", 5683))).isFalse();
    assertThat(SmsAddress.isSms(new InetSocketAddress("::1", SmsAddress.PORT))).isFalse();
    assertThat(SmsAddress.describe(new InetSocketAddress("127.0.0.1", 5683))).isEqualTo("/127.0.0.1:5683");
  }

  @Test
  void whatIsNotAnMsisdnIsRefusedWithAHint() {
    for (String bad : new String[] {"", "+", "12a", "12345678901234567", "33 6"}) {
      assertThatThrownBy(() -> SmsAddress.of(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an MSISDN");
    }
  }
}
