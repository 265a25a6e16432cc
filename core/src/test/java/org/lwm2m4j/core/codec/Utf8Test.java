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

  @Test
  void validationAcceptsWellFormedTextAndRejectsWhatJacksonLetsThrough() {
    byte[] good = "Grüße 🌡 ok".getBytes(StandardCharsets.UTF_8);
    Utf8.validate(good, 0, good.length);
    byte[][] bad = {
      {(byte) 0xC0, (byte) 0x80},                          // overlong NUL
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80},             // overlong 3-byte
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // encoded surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xE2, (byte) 0x82},                          // truncated
      {(byte) 0xFF},                                       // never valid
    };
    for (byte[] bytes : bad) {
      assertThatThrownBy(() -> Utf8.validate(bytes, 0, bytes.length)).isInstanceOf(CodecException.class)
          .hasMessageContaining("at byte 0");
    }
  }
}
