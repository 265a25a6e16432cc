package org.lwm2m4j.transport.memory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A CoAP message over UDP (RFC 7252 §3) as a test writes and reads it on an {@link
 * InMemoryNetwork}: header, token, options, payload, and its exact bytes both ways. It writes any
 * option number and value, so tests can build what a real stack would refuse to send; it reads
 * only well-formed messages ({@link #decode} is empty for anything else).
 */
public record CoapMessage(int type, int code, int messageId, byte[] token, List<Option> options, byte[] payload) {
  public static final int CON = 0;
  public static final int NON = 1;
  public static final int ACK = 2;
  public static final int RST = 3;

  public static final int GET = 1;
  public static final int POST = 2;
  public static final int PUT = 3;
  public static final int DELETE = 4;
  public static final int FETCH = 5;
  public static final int IPATCH = 7;

  public static final int CREATED = code(2, 1);
  public static final int DELETED = code(2, 2);
  public static final int CHANGED = code(2, 4);
  public static final int CONTENT = code(2, 5);
  public static final int CONTINUE = code(2, 31);

  public static final int OBSERVE = 6;
  public static final int LOCATION_PATH = 8;
  public static final int URI_PATH = 11;
  public static final int CONTENT_FORMAT = 12;
  public static final int URI_QUERY = 15;
  public static final int ACCEPT = 17;
  public static final int BLOCK2 = 23;
  public static final int BLOCK1 = 27;
  public static final int SIZE1 = 60;

  /** One option: its number and raw value. */
  public record Option(int number, byte[] value) {
    public Option {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }

    /** The value as an unsigned integer (RFC 7252 §3.2 uint, at most 4 bytes here). */
    public int uint() {
      int result = 0;
      for (byte b : value) {
        result = (result << 8) | (b & 0xFF);
      }
      return result;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Option that && number == that.number && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return 31 * number + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return number + "=" + HexFormat.of().formatHex(value);
    }
  }

  public CoapMessage {
    token = token.clone();
    options = List.copyOf(options);
    payload = payload.clone();
  }

  /** A code as class and detail, e.g. {@code code(2, 5)} for 2.05 Content. */
  public static int code(int codeClass, int detail) {
    return codeClass << 5 | detail;
  }

  /** A message with no token, options or payload. */
  public static CoapMessage of(int type, int code, int messageId) {
    return new CoapMessage(type, code, messageId, new byte[0], List.of(), new byte[0]);
  }

  public CoapMessage withToken(byte[] newToken) {
    return new CoapMessage(type, code, messageId, newToken, options, payload);
  }

  public CoapMessage withMessageId(int newMessageId) {
    return new CoapMessage(type, code, newMessageId, token, options, payload);
  }

  public CoapMessage withPayload(byte[] newPayload) {
    return new CoapMessage(type, code, messageId, token, options, newPayload);
  }

  public CoapMessage withPayload(String text) {
    return withPayload(text.getBytes(StandardCharsets.UTF_8));
  }

  /** This message with one more option (options are written in number order, whatever the order added). */
  public CoapMessage with(int number, byte[] value) {
    List<Option> more = new ArrayList<>(options);
    more.add(new Option(number, value));
    return new CoapMessage(type, code, messageId, token, more, payload);
  }

  public CoapMessage with(int number, String value) {
    return with(number, value.getBytes(StandardCharsets.UTF_8));
  }

  public CoapMessage with(int number, int uint) {
    return with(number, uint(uint));
  }

  /** This message with a Uri-Path option per {@code /}-separated segment of {@code path}. */
  public CoapMessage withPath(String path) {
    CoapMessage result = this;
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        result = result.with(URI_PATH, segment);
      }
    }
    return result;
  }

  /** This message with one Uri-Query option per {@code &}-separated part of {@code query}. */
  public CoapMessage withQuery(String query) {
    CoapMessage result = this;
    for (String part : query.split("&")) {
      if (!part.isEmpty()) {
        result = result.with(URI_QUERY, part);
      }
    }
    return result;
  }

  /** A Block1 or Block2 option value: block number, more flag, size exponent (size = 2^(szx+4)). */
  public static int block(int number, boolean more, int szx) {
    return number << 4 | (more ? 8 : 0) | szx;
  }

  /** The shortest uint encoding of {@code value} (zero is no bytes). */
  public static byte[] uint(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
      int b = (value >>> shift) & 0xFF;
      if (b != 0 || started) {
        out.write(b);
        started = true;
      }
    }
    return out.toByteArray();
  }

  public List<Option> options(int number) {
    return options.stream().filter(option -> option.number() == number).toList();
  }

  public Optional<Option> option(int number) {
    return options.stream().filter(option -> option.number() == number).findFirst();
  }

  public OptionalInt uintOption(int number) {
    return option(number).map(option -> OptionalInt.of(option.uint())).orElse(OptionalInt.empty());
  }

  public List<String> locationPath() {
    return options(LOCATION_PATH).stream().map(Option::text).toList();
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  public boolean isRequest() {
    return code >> 5 == 0 && code != 0;
  }

  public boolean isResponse() {
    int codeClass = code >> 5;
    return codeClass == 2 || codeClass == 4 || codeClass == 5;
  }

  /** The code as RFC 7252 writes it, e.g. {@code 2.05}. */
  public String codeText() {
    return String.format("%d.%02d", code >> 5, code & 31);
  }

  /** The message's bytes. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x40 | type << 4 | token.length);
    out.write(code);
    out.write(messageId >> 8 & 0xFF);
    out.write(messageId & 0xFF);
    out.writeBytes(token);
    int previous = 0;
    for (Option option : options.stream().sorted(Comparator.comparingInt(Option::number)).toList()) {
      int delta = option.number() - previous;
      byte[] value = option.value();
      out.write(nibble(delta) << 4 | nibble(value.length));
      extended(out, delta);
      extended(out, value.length);
      out.writeBytes(value);
      previous = option.number();
    }
    if (payload.length > 0) {
      out.write(0xFF);
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }

  private static int nibble(int value) {
    return value < 13 ? value : value < 269 ? 13 : 14;
  }

  private static void extended(ByteArrayOutputStream out, int value) {
    if (value >= 269) {
      out.write((value - 269) >> 8);
      out.write((value - 269) & 0xFF);
    } else if (value >= 13) {
      out.write(value - 13);
    }
  }

  /** The message in {@code bytes}, or empty if they are not a well-formed CoAP message. */
  public static Optional<CoapMessage> decode(byte[] bytes) {
    if (bytes.length < 4 || (bytes[0] & 0xC0) != 0x40 || (bytes[0] & 0x0F) > 8) {
      return Optional.empty();
    }
    int type = (bytes[0] >> 4) & 3;
    int tokenLength = bytes[0] & 0x0F;
    int code = bytes[1] & 0xFF;
    int messageId = (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
    int at = 4 + tokenLength;
    if (at > bytes.length) {
      return Optional.empty();
    }
    byte[] token = Arrays.copyOfRange(bytes, 4, at);
    List<Option> options = new ArrayList<>();
    int number = 0;
    while (at < bytes.length && (bytes[at] & 0xFF) != 0xFF) {
      int head = bytes[at++] & 0xFF;
      int[] delta = readExtended(bytes, at, head >> 4);
      if (delta == null) {
        return Optional.empty();
      }
      at = delta[1];
      int[] length = readExtended(bytes, at, head & 0x0F);
      if (length == null) {
        return Optional.empty();
      }
      at = length[1];
      if (at + length[0] > bytes.length) {
        return Optional.empty();
      }
      number += delta[0];
      options.add(new Option(number, Arrays.copyOfRange(bytes, at, at + length[0])));
      at += length[0];
    }
    byte[] payload = new byte[0];
    if (at < bytes.length) {
      if (at + 1 == bytes.length) {
        return Optional.empty(); // a payload marker with no payload is a format error
      }
      payload = Arrays.copyOfRange(bytes, at + 1, bytes.length);
    }
    return Optional.of(new CoapMessage(type, code, messageId, token, options, payload));
  }

  /** {value, next offset}, or null when the nibble is 15 or the extension overruns. */
  private static int[] readExtended(byte[] bytes, int at, int nibble) {
    if (nibble < 13) {
      return new int[] {nibble, at};
    }
    if (nibble == 13 && at < bytes.length) {
      return new int[] {(bytes[at] & 0xFF) + 13, at + 1};
    }
    if (nibble == 14 && at + 1 < bytes.length) {
      return new int[] {((bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF)) + 269, at + 2};
    }
    return null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CoapMessage that && Arrays.equals(encode(), that.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    String[] types = {"CON", "NON", "ACK", "RST"};
    return types[type] + " " + codeText() + " mid=" + messageId + " token=" + HexFormat.of().formatHex(token)
        + " options=" + options + " payload=" + payload.length + " bytes";
  }
}
