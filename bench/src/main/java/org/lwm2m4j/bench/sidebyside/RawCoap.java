package org.lwm2m4j.bench.sidebyside;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few CoAP messages (RFC 7252) the benchmark's simulated fleet sends and parses, written by
 * hand: the fleet must cost far less CPU than the servers it loads, so it skips a CoAP stack.
 * Options are given in ascending number order, as the encoding requires.
 */
final class RawCoap {
  static final int CON = 0;
  static final int NON = 1;
  static final int ACK = 2;
  static final int RST = 3;
  static final int GET = 0x01;
  static final int POST = 0x02;
  static final int CREATED = 0x41;
  static final int CONTENT = 0x45;
  static final int NOT_FOUND = 0x84;
  static final int OBSERVE = 6;
  static final int URI_PATH = 11;
  static final int CONTENT_FORMAT = 12;
  static final int URI_QUERY = 15;
  static final int TLV = 11542;
  static final int LINK_FORMAT = 40;

  /** One option: its number and value. */
  record Option(int number, byte[] value) {
    static Option of(int number, String value) {
      return new Option(number, value.getBytes(StandardCharsets.UTF_8));
    }

    static Option of(int number, int value) {
      if (value == 0) {
        return new Option(number, new byte[0]);
      }
      int length = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
      byte[] bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        bytes[length - 1 - i] = (byte) (value >>> (8 * i));
      }
      return new Option(number, bytes);
    }
  }

  /** A parsed message: what the fleet needs of it. */
  record Message(int type, int code, int messageId, byte[] token, boolean observe, String path) {
    boolean isRequest() {
      return code >= 1 && code < 32;
    }
  }

  private RawCoap() {}

  /** Encodes one message. */
  static byte[] encode(int type, int code, int messageId, byte[] token, List<Option> options, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + payload.length);
    out.write(0x40 | type << 4 | token.length);
    out.write(code);
    out.write(messageId >>> 8 & 0xff);
    out.write(messageId & 0xff);
    out.writeBytes(token);
    int previous = 0;
    for (Option option : options) {
      int delta = option.number() - previous;
      int length = option.value().length;
      out.write(nibble(delta) << 4 | nibble(length));
      extended(out, delta);
      extended(out, length);
      out.writeBytes(option.value());
      previous = option.number();
    }
    if (payload.length > 0) {
      out.write(0xff);
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }

  private static int nibble(int value) {
    return value < 13 ? value : value < 269 ? 13 : 14;
  }

  private static void extended(ByteArrayOutputStream out, int value) {
    if (value >= 269) {
      out.write((value - 269) >>> 8 & 0xff);
      out.write((value - 269) & 0xff);
    } else if (value >= 13) {
      out.write(value - 13);
    }
  }

  /** Parses the header, token, Observe and Uri-Path of a datagram; throws on malformed input. */
  static Message parse(byte[] datagram) {
    if (datagram.length < 4 || (datagram[0] & 0xc0) != 0x40) {
      throw new IllegalArgumentException("not a CoAP 1 message (" + datagram.length + " bytes)");
    }
    int type = (datagram[0] >>> 4) & 0x3;
    int tokenLength = datagram[0] & 0xf;
    int code = datagram[1] & 0xff;
    int messageId = (datagram[2] & 0xff) << 8 | (datagram[3] & 0xff);
    byte[] token = java.util.Arrays.copyOfRange(datagram, 4, 4 + tokenLength);
    int at = 4 + tokenLength;
    int number = 0;
    boolean observe = false;
    List<String> path = new ArrayList<>(3);
    while (at < datagram.length && (datagram[at] & 0xff) != 0xff) {
      int head = datagram[at++] & 0xff;
      int[] delta = extendedValue(datagram, at, head >>> 4);
      at = delta[1];
      int[] length = extendedValue(datagram, at, head & 0xf);
      at = length[1];
      number += delta[0];
      if (number == OBSERVE) {
        // Observe 0 registers; 1 (one byte of value 1) deregisters.
        observe = length[0] == 0 || datagram[at] == 0;
      } else if (number == URI_PATH) {
        path.add(new String(datagram, at, length[0], StandardCharsets.UTF_8));
      }
      at += length[0];
    }
    return new Message(type, code, messageId, token, observe, "/" + String.join("/", path));
  }

  private static int[] extendedValue(byte[] datagram, int at, int nibble) {
    return switch (nibble) {
      case 13 -> new int[] {13 + (datagram[at] & 0xff), at + 1};
      case 14 -> new int[] {269 + ((datagram[at] & 0xff) << 8 | (datagram[at + 1] & 0xff)), at + 2};
      case 15 -> throw new IllegalArgumentException("reserved option nibble 15");
      default -> new int[] {nibble, at};
    };
  }

  /** One TLV resource with its value (OMA-TS-LightweightM2M-Core, 7.4.3). */
  static byte[] tlvResource(int id, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
    if (value.length < 8) {
      out.write(0xc0 | value.length);
      out.write(id);
    } else {
      out.write(0xc8);
      out.write(id);
      out.write(value.length);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
