package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device addresses: one per device from the first, never a last octet of 0 or 255, inside 127.0.0.0/8. */
class DeviceAddressesTest {
  @Test
  void deviceNIsTheNthAddressAfterTheFirstSkippingLastOctets0And255() {
    DeviceAddresses addresses = DeviceAddresses.from("127.1.0.1", 1000, "--first-address");

    assertThat(addresses.of(0).getHostAddress()).isEqualTo("127.1.0.1");
    assertThat(addresses.of(1).getHostAddress()).isEqualTo("127.1.0.2");
    assertThat(addresses.of(253).getHostAddress()).isEqualTo("127.1.0.254");
    assertThat(addresses.of(254).getHostAddress()).isEqualTo("127.1.1.1");
    assertThat(addresses.of(999).getHostAddress()).isEqualTo("127.1.3.238");
  }

  @Test
  void aFirstAddressInsideABlockContinuesIntoTheNextBlock() {
    DeviceAddresses addresses = DeviceAddresses.from("127.1.255.250", 10, "--first-address");

    assertThat(addresses.of(4).getHostAddress()).isEqualTo("127.1.255.254");
    assertThat(addresses.of(5).getHostAddress()).isEqualTo("127.2.0.1");
  }

  @Test
  void everyAddressOfAMillionDevicesIsDistinctAndUsable() {
    DeviceAddresses addresses = DeviceAddresses.from("127.1.0.1", 1_000_000, "--first-address");
    java.util.Set<String> seen = new java.util.HashSet<>();

    for (int i = 0; i < 1_000_000; i += 997) {
      byte[] octets = addresses.of(i).getAddress();
      assertThat(octets[0]).isEqualTo((byte) 127);
      assertThat(octets[3] & 0xff).isBetween(1, 254);
      assertThat(seen.add(addresses.of(i).getHostAddress())).isTrue();
    }
  }
}
