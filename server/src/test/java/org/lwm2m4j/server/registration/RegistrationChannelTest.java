package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.sms.SmsAddress;

class RegistrationChannelTest {
  @Test
  void aRegistrationFromAnSmsAddressIsOnTheSmsChannel() {
    Registration registration = Registration.builder("r1", "dev1", SmsAddress.of("33612345678")).binding("S").build();
    assertThat(registration.channel()).isEqualTo(Channel.SMS);
    assertThat(registration.channel().label()).isEqualTo("sms");
  }

  @Test
  void aSecureRegistrationIsOnDtlsAndAPlainOneOnUdp() {
    InetSocketAddress udp = new InetSocketAddress("127.0.0.1", 56830);
    assertThat(Registration.builder("r1", "dev1", udp).build().channel()).isEqualTo(Channel.UDP);
    assertThat(Registration.builder("r1", "dev1", udp).security(SecurityMode.PSK, Optional.of("id")).build().channel())
        .isEqualTo(Channel.DTLS);
  }

  @Test
  void theChannelFollowsTheAddressOfTheLastUpdate() {
    Registration overUdp = Registration.builder("r1", "dev1", new InetSocketAddress("127.0.0.1", 56830)).binding("US")
        .smsNumber("33612345678").build();
    Registration overSms = overUdp.updatedBy(new RegistrationUpdate("r1", SmsAddress.of("33612345678"), java.time.Instant.EPOCH,
        java.util.OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(overSms.channel()).isEqualTo(Channel.SMS);
  }
}
