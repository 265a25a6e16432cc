package org.lwm2m4j.transport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;

/**
 * One datagram of a fuzz input: a control byte the fuzz target interprets (which peer sends it,
 * which edits to make) and the bytes of a whole CoAP message, well-formed or not. The edits work
 * on raw bytes, so they apply to anything with a CoAP header and leave the rest as the fuzzer made it.
 */
public record FuzzFrame(int control, byte[] bytes) {
  public FuzzFrame {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether bit {@code bit} of the control byte is set. */
  public boolean flag(int bit) {
    return (control >> bit & 1) == 1;
  }

  /** Whether the bytes start like a CoAP message: four bytes of header, version 1, a token length of at most 8. */
  public boolean hasHeader() {
    return bytes.length >= 4 && (bytes[0] & 0xC0) == 0x40 && tokenLength() <= 8 && 4 + tokenLength() <= bytes.length;
  }

  public boolean isConfirmable() {
    return hasHeader() && (bytes[0] >> 4 & 3) == 0;
  }

  public int messageId() {
    return (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
  }

  private int tokenLength() {
    return bytes[0] & 0x0F;
  }

  /**
   * Whether Californium reads these bytes as a request that wants an answer (no No-Response
   * option): one it hands to the server's handler, which always answers, so a harness may wait for
   * the answer to a non-confirmable one too.
   */
  public boolean isRequestWantingAnswer() {
    try {
      // configured as CoapEndpoint configures its own: unknown critical options are format errors
      Message message = new UdpDataParser(true, new int[0]).parseMessage(bytes);
      return message instanceof Request && message.getOptions().getNoResponse() == null;
    } catch (MessageFormatException | IllegalStateException notOne) {
      return false;
    }
  }

  /** The same message with {@code messageId}; unchanged when the bytes have no header. */
  public FuzzFrame withMessageId(int messageId) {
    if (bytes.length < 4) {
      return this;
    }
    byte[] edited = bytes.clone();
    edited[2] = (byte) (messageId >> 8);
    edited[3] = (byte) messageId;
    return new FuzzFrame(control, edited);
  }

  /** The same message with {@code token} in place of its own; unchanged when the bytes have no header. */
  public FuzzFrame withToken(byte[] token) {
    if (!hasHeader()) {
      return this;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes[0] & 0xF0 | token.length);
    out.write(bytes, 1, 3);
    out.writeBytes(token);
    int rest = 4 + tokenLength();
    out.write(bytes, rest, bytes.length - rest);
    return new FuzzFrame(control, out.toByteArray());
  }

  /**
   * The same message with Uri-Path options {@code segments} put before its own options: these then
   * count their deltas from Uri-Path (11), so a seed writes e.g. Uri-Query as delta 4. How a target
   * aims a message at a location the server made up (Update and De-register of a registration).
   */
  public FuzzFrame underPath(List<String> segments) {
    if (!hasHeader()) {
      return this;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rest = 4 + tokenLength();
    out.write(bytes, 0, rest);
    int previous = 0;
    for (String segment : segments) {
      byte[] value = segment.getBytes(StandardCharsets.UTF_8);
      if (value.length > 12) {
        throw new IllegalArgumentException("a spliced path segment has at most 12 bytes: " + segment);
      }
      out.write((11 - previous) << 4 | value.length);
      out.writeBytes(value);
      previous = 11;
    }
    out.write(bytes, rest, bytes.length - rest);
    return new FuzzFrame(control, out.toByteArray());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FuzzFrame that && control == that.control && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * control + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "FuzzFrame[control=" + Integer.toBinaryString(control) + ", " + java.util.HexFormat.of().formatHex(bytes) + "]";
  }
}
