package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;

class EndpointNamesTest {
  @Test
  void credentialsAreRefusedForNamesThatWouldForgeLogLines() {
    byte[] key = new byte[16];
    assertThatThrownBy(() -> new PskSecurity("dev1\nERROR forged", "dev1", key))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("the endpoint name 'dev1\\nERROR forged' has U+000A at character 4; endpoint names are printable UTF-8 text");
    assertThatThrownBy(() -> PskFile.parse("dev\u00851,id,00"))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("line 1: the endpoint name 'dev\\u00851' has U+0085");
  }

  @Test
  void theLimitIs256BytesOfUtf8NotCharacters() {
    assertThat(EndpointNames.check("x".repeat(256))).hasSize(256);
    assertThatThrownBy(() -> EndpointNames.check("\u6e29".repeat(86)))
        .isInstanceOf(InvalidRequestException.class).hasMessageEndingWith("is 258 bytes of UTF-8; at most 256 are allowed");
  }
}
