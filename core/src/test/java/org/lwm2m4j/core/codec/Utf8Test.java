package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void decodesAsciiAndMultibyteText() {
    byte[] bytes = "xx Grüße 🌡 xx".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.decode(bytes, 3, bytes.length - 6, 0)).isEqualTo("Grüße 🌡");
  }

  @Test
  void rejectsMalformedAndTruncatedSequencesWithTheOffset() {
    assertThatThrownBy(() -> Utf8.decode(new byte[] {'a', (byte) 0xC3}, 0, 2, 17))
        .isInstanceOf(CodecException.class).hasMessageContaining("invalid UTF-8").hasMessageContaining("17");
    assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3, 0))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2, 0))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void refusesToEncodeLoneSurrogates() {
    assertThat(Utf8.encode("🌡")).hasSize(4);
    assertThatThrownBy(() -> Utf8.encode("a\uD800b")).isInstanceOf(CodecException.class).hasMessageContaining("character 1");
  }
}
