package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.bean.Command;
import org.junit.jupiter.api.Test;

class BoundedPduReaderTest {
  private final BoundedPduReader reader = new BoundedPduReader();

  @Test
  void headerOfAnEnquireLinkIsRead() throws IOException, InvalidCommandLengthException {
    Command header = reader.readPDUHeader(stream(HexFormat.of().parseHex("00000010000000150000000000000007")));

    assertThat(header.getCommandLength()).isEqualTo(16);
    assertThat(header.getCommandId()).isEqualTo(0x15);
    assertThat(header.getSequenceNumber()).isEqualTo(7);
  }

  @Test
  void somethingElseThanAnSmscAnsweringIsRefusedBeforeItsClaimedLengthIsAllocated() {
    // an HTTP server on the SMPP port: "HTTP" read as command_length is 1.2 GB
    assertThatThrownBy(() -> reader.readPDUHeader(stream("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(InvalidCommandLengthException.class)
        .hasMessageContaining("1213486160")
        .hasMessageContaining("not an SMPP peer");
  }

  @Test
  void lengthShorterThanAHeaderOrNegativeIsRefused() {
    assertThatThrownBy(() -> reader.readPDUHeader(stream(HexFormat.of().parseHex("0000000800000015"))))
        .isInstanceOf(InvalidCommandLengthException.class).hasMessageContaining("8");
    assertThatThrownBy(() -> reader.readPDUHeader(stream(HexFormat.of().parseHex("ffffff0000000015"))))
        .isInstanceOf(InvalidCommandLengthException.class).hasMessageContaining("-256");
  }

  private static DataInputStream stream(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
