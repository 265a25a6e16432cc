package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.sms.SmsAddress;

/** What a registration keeps in compact form comes back as it was given, and shared parts are shared only when equal. */
class RegistrationCompactFormTest {
  private static Registration.Builder at(InetSocketAddress address) {
    return Registration.builder("id1", "dev1", address).registeredAt(Instant.ofEpochMilli(1_000));
  }

  private static Registration withBinding(String binding) {
    return at(new InetSocketAddress("127.0.0.1", 5683)).binding(binding).build();
  }

  @Test
  void equalBindingsShareOneInstanceAndDistinctOnesStayDistinct() {
    Registration first = withBinding(new String("UQS".replace("Q", "")));
    Registration second = withBinding(new StringBuilder("U").append('S').toString());
    Registration other = withBinding(new String("UT"));
    assertThat(first.binding()).isSameAs(second.binding()).isEqualTo("US");
    assertThat(other.binding()).isEqualTo("UT").isNotSameAs(first.binding());
  }

  @Test
  void anIpv4AddressComesBackEqualWithItsPort() {
    InetSocketAddress address = new InetSocketAddress("203.0.113.250", 65535);
    Registration registration = at(address).build();
    assertThat(registration.address()).isEqualTo(address);
    assertThat(registration.address().getPort()).isEqualTo(65535);
    assertThat(registration.address().getAddress().getHostAddress()).isEqualTo("203.0.113.250");
    assertThat(registration.channel()).isEqualTo(Channel.UDP);
  }

  @Test
  void ipv6SmsAndUnresolvedAddressesAreKeptAsGiven() {
    InetSocketAddress ipv6 = new InetSocketAddress("::1", 5683);
    InetSocketAddress sms = SmsAddress.of("33612345678");
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("device.example", 5683);
    assertThat(at(ipv6).build().address()).isSameAs(ipv6);
    assertThat(at(sms).build().address()).isSameAs(sms);
    assertThat(at(sms).build().channel()).isEqualTo(Channel.SMS);
    assertThat(at(unresolved).build().address()).isSameAs(unresolved);
  }

  @Test
  void addressKeysAreEqualForEqualAddressesOnly() {
    Registration registration = at(new InetSocketAddress("10.1.2.3", 40000)).build();
    assertThat(registration.addressKey()).isEqualTo(Registration.addressKey(new InetSocketAddress("10.1.2.3", 40000)));
    assertThat(registration.addressKey()).isNotEqualTo(Registration.addressKey(new InetSocketAddress("10.1.2.3", 40001)));
    assertThat(registration.addressKey()).isNotEqualTo(Registration.addressKey(new InetSocketAddress("10.1.2.4", 40000)));
    assertThat(Registration.addressKey(new InetSocketAddress("255.255.255.255", 1)))
        .isNotEqualTo(Registration.addressKey(new InetSocketAddress("0.0.0.0", 1)));
  }

  @Test
  void lifetimesUpToTheLargestTheInterfaceTakesComeBackAndLongerOnesAreRefused() {
    assertThat(at(new InetSocketAddress("127.0.0.1", 1)).lifetimeSeconds(0xFFFF_FFFFL).build().lifetimeSeconds())
        .isEqualTo(0xFFFF_FFFFL);
    assertThatThrownBy(() -> at(new InetSocketAddress("127.0.0.1", 1)).lifetimeSeconds(0x1_0000_0000L).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
  }

  @Test
  void everySecurityModeComesBack() {
    for (SecurityMode mode : SecurityMode.values()) {
      Registration registration = at(new InetSocketAddress("127.0.0.1", 1)).security(mode, Optional.of("who")).build();
      assertThat(registration.security()).isEqualTo(mode);
    }
  }
}
