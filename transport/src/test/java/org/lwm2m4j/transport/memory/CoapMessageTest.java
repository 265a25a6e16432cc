package org.lwm2m4j.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CoapMessageTest {
  @Test
  void writesTheHeaderTokenOptionsInNumberOrderAndPayload() {
    CoapMessage register = CoapMessage.of(CoapMessage.CON, CoapMessage.POST, 0x1234).withToken(new byte[] {(byte) 0xAB})
        .withQuery("ep=a").withPath("rd").with(CoapMessage.CONTENT_FORMAT, 40).withPayload("<>");
    // 0x41: v1 CON tkl1; Uri-Path(11) "rd"; Content-Format(12) 40; Uri-Query(15) "ep=a"
    assertThat(HexFormat.of().formatHex(register.encode())).isEqualTo("41021234ab" + "b27264" + "1128" + "3465703d61" + "ff3c3e");
  }

  @Test
  void readsBackWhatItWrites() {
    CoapMessage message = CoapMessage.of(CoapMessage.ACK, CoapMessage.CREATED, 7).withToken(new byte[] {1, 2})
        .with(CoapMessage.LOCATION_PATH, "rd").with(CoapMessage.LOCATION_PATH, "x1").with(CoapMessage.SIZE1, 300);
    assertThat(CoapMessage.decode(message.encode())).hasValue(message);
    assertThat(CoapMessage.decode(message.encode()).orElseThrow().locationPath()).containsExactly("rd", "x1");
    assertThat(CoapMessage.decode(message.encode()).orElseThrow().uintOption(CoapMessage.SIZE1)).hasValue(300);
  }

  @Test
  void readsNothingFromWhatIsNotCoap() {
    assertThat(CoapMessage.decode(new byte[] {0x40, 1})).isEmpty();
    assertThat(CoapMessage.decode(new byte[] {(byte) 0x80, 1, 0, 0})).isEmpty();
    assertThat(CoapMessage.decode(new byte[] {0x40, 1, 0, 0, (byte) 0xFF})).isEmpty();
  }
}
