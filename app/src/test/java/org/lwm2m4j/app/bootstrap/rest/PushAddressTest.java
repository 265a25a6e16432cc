package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;

class PushAddressTest {
  @Test
  void parsesIpv4AndBracketedIpv6() {
    assertThat(PushAddress.parse("192.0.2.1:5683")).isEqualTo(new InetSocketAddress("192.0.2.1", 5683));
    assertThat(PushAddress.parse("[2001:db8::1]:5684")).isEqualTo(new InetSocketAddress("2001:db8::1", 5684));
    assertThat(PushAddress.parse("localhost:1").getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void formatsHostAndPortWithIpv6InBrackets() {
    assertThat(PushAddress.format(new InetSocketAddress("192.0.2.1", 5683))).isEqualTo("192.0.2.1:5683");
    assertThat(PushAddress.format(new InetSocketAddress("2001:db8::1", 5684))).isEqualTo("[2001:db8:0:0:0:0:0:1]:5684");
  }

  @Test
  void refusesAddressesWithoutAUsablePortOrHost() {
    assertThatThrownBy(() -> PushAddress.parse("192.0.2.1")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("has no port");
    assertThatThrownBy(() -> PushAddress.parse("192.0.2.1:")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("has no port");
    assertThatThrownBy(() -> PushAddress.parse(":5683")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("has no port");
    assertThatThrownBy(() -> PushAddress.parse("h:0")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("outside 1..65535");
    assertThatThrownBy(() -> PushAddress.parse("h:65536")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("outside 1..65535");
    assertThatThrownBy(() -> PushAddress.parse("h:-1")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a number");
    assertThatThrownBy(() -> PushAddress.parse("2001:db8::1:5683")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("brackets");
    assertThatThrownBy(() -> PushAddress.parse("[::1:5683")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("bracket");
    assertThatThrownBy(() -> PushAddress.parse("[]:5683")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("has no host");
    assertThatThrownBy(() -> PushAddress.parse("no such host.invalid:5683")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cannot be resolved");
  }
}
