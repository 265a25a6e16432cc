package org.lwm2m4j.core.codec.single;

import java.util.Base64;
import java.util.Objects;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/**
 * Reads a resource value from its LwM2M plain-text form (the text/plain content format, also what
 * a person types at the CLI or client console). The inverse is {@link Value#toText()}.
 *
 * <table>
 *   <caption>Accepted text per type</caption>
 *   <tr><th>type</th><th>text</th></tr>
 *   <tr><td>String, Corelnk</td><td>any text, taken as is</td></tr>
 *   <tr><td>Integer, Time</td><td>decimal digits with an optional leading {@code -} ({@code -750},
 *       {@code 1476186613}); within 64-bit signed range</td></tr>
 *   <tr><td>Unsigned Integer</td><td>decimal digits, 0 to 2<sup>64</sup>−1</td></tr>
 *   <tr><td>Float</td><td>decimal or exponent form ({@code 22.5}, {@code 0.00000000006667},
 *       {@code 6.667e-11}) with an optional leading {@code -}; no NaN, infinity or hex floats</td></tr>
 *   <tr><td>Boolean</td><td>exactly {@code 0} or {@code 1}</td></tr>
 *   <tr><td>Opaque</td><td>standard Base64 with padding ({@code AQIDBAU=})</td></tr>
 *   <tr><td>Objlnk</td><td>{@code oid:iid} ({@code 66:0}; null link {@code 65535:65535})</td></tr>
 * </table>
 *
 * <p>Surrounding blanks, a leading {@code +} and anything else outside these forms are rejected:
 * a value that is not exactly what the spec describes is a 4.00, not a guess. Stateless and
 * thread-safe.
 */
public final class TextValueParser {
  private static final long SIGNED_LIMIT_DIV_10 = Long.MIN_VALUE / 10;
  private static final long UNSIGNED_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
  private static final int UNSIGNED_MAX_LAST_DIGIT = (int) Long.remainderUnsigned(-1L, 10);

  private TextValueParser() {}

  /**
   * The value of {@code type} that {@code text} spells.
   *
   * @throws CodecException if the text is not a valid spelling of a {@code type} value (the
   *     message quotes the text and, where there is one, the offending position), or {@code type}
   *     is {@link ResourceType#NONE}
   */
  public static Value parse(String text, ResourceType type) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
    return switch (type) {
      case STRING -> Value.of(text);
      case CORELNK -> Value.ofCorelnk(text);
      case INTEGER -> Value.ofInteger(parseSigned(text, type));
      case TIME -> Value.ofTime(parseSigned(text, type));
      case UNSIGNED_INTEGER -> Value.ofUnsigned(parseUnsigned(text));
      case FLOAT -> Value.ofFloat(parseFloat(text));
      case BOOLEAN -> parseBoolean(text);
      case OPAQUE -> OpaqueValue.wrap(parseBase64(text));
      case OBJLNK -> parseObjlnk(text);
      case NONE -> throw new CodecException("executable resources have no value; '" + CodecException.excerpt(text)
          + "' cannot be read as one");
    };
  }

  private static long parseSigned(String text, ResourceType type) {
    int length = text.length();
    boolean negative = length > 0 && text.charAt(0) == '-';
    int pos = negative ? 1 : 0;
    requireDigitsFrom(text, pos, type);
    // Accumulate as a negative number: its range reaches Long.MIN_VALUE, the positive one doesn't.
    long value = 0;
    for (; pos < length; pos++) {
      int digit = digitAt(text, pos, type);
      if (value < SIGNED_LIMIT_DIV_10 || (value == SIGNED_LIMIT_DIV_10 && digit > 8)) {
        throw outOfRange(text, type, "a signed 64-bit integer");
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw outOfRange(text, type, "a signed 64-bit integer");
      }
      value = -value;
    }
    return value;
  }

  private static long parseUnsigned(String text) {
    ResourceType type = ResourceType.UNSIGNED_INTEGER;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      throw new CodecException(type.ddfName() + " text '" + CodecException.excerpt(text) + "' must be plain digits with no sign", 0);
    }
    requireDigitsFrom(text, 0, type);
    long value = 0;
    for (int pos = 0; pos < text.length(); pos++) {
      int digit = digitAt(text, pos, type);
      int vsLimit = Long.compareUnsigned(value, UNSIGNED_MAX_DIV_10);
      if (vsLimit > 0 || (vsLimit == 0 && digit > UNSIGNED_MAX_LAST_DIGIT)) {
        throw outOfRange(text, type, "0.." + Long.toUnsignedString(-1L));
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Checks the float grammar by hand: {@link Double#parseDouble} would also take blanks, hex, NaN and a d/f suffix. */
  private static double parseFloat(String text) {
    ResourceType type = ResourceType.FLOAT;
    int length = text.length();
    int pos = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    int mantissaDigits = 0;
    while (pos < length && isDigit(text.charAt(pos))) {
      pos++;
      mantissaDigits++;
    }
    if (pos < length && text.charAt(pos) == '.') {
      pos++;
      while (pos < length && isDigit(text.charAt(pos))) {
        pos++;
        mantissaDigits++;
      }
    }
    if (mantissaDigits == 0) {
      throw malformed(text, type, "needs digits", Math.min(pos, length));
    }
    if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < length && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      int exponentStart = pos;
      while (pos < length && isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == exponentStart) {
        throw malformed(text, type, "has an exponent without digits", pos);
      }
    }
    if (pos < length) {
      throw malformed(text, type, "has an unexpected character", pos);
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw outOfRange(text, type, "a 64-bit float");
    }
    return value;
  }

  private static Value parseBoolean(String text) {
    if (text.equals("1")) {
      return Value.of(true);
    } else if (text.equals("0")) {
      return Value.of(false);
    }
    throw new CodecException("Boolean text must be '0' or '1', got '" + CodecException.excerpt(text) + "'");
  }

  /**
   * Standard Base64 with padding, strictly: {@link Base64.Decoder} alone would take missing
   * padding and non-zero spare bits, so two different texts could mean the same bytes.
   */
  private static byte[] parseBase64(String text) {
    ResourceType type = ResourceType.OPAQUE;
    int length = text.length();
    if (length % 4 != 0) {
      throw malformed(text, type, "is not Base64: its length " + length
          + " is not a multiple of 4 (standard Base64 keeps its '=' padding)", length);
    }
    int padding = length == 0 ? 0 : text.charAt(length - 1) != '=' ? 0 : text.charAt(length - 2) == '=' ? 2 : 1;
    for (int pos = 0; pos < length - padding; pos++) {
      if (base64Digit(text.charAt(pos)) < 0) {
        throw malformed(text, type, "is not standard Base64", pos);
      }
    }
    if (padding > 0) {
      int lastDigit = base64Digit(text.charAt(length - padding - 1));
      int spareBits = padding == 2 ? 0x0F : 0x03;
      if ((lastDigit & spareBits) != 0) {
        throw malformed(text, type, "is not canonical Base64: the bits before the padding must be zero",
            length - padding - 1);
      }
    }
    return Base64.getDecoder().decode(text);
  }

  private static Value parseObjlnk(String text) {
    try {
      return ObjlnkValue.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CodecException("Objlnk text '" + CodecException.excerpt(text) + "' is not oid:iid with ids 0..65535", e);
    }
  }

  private static void requireDigitsFrom(String text, int pos, ResourceType type) {
    if (pos == text.length()) {
      throw malformed(text, type, "needs digits", pos);
    }
  }

  private static int digitAt(String text, int pos, ResourceType type) {
    char c = text.charAt(pos);
    if (!isDigit(c)) {
      throw malformed(text, type, "has a character that is not a decimal digit", pos);
    }
    return c - '0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int base64Digit(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    } else if (c == '+') {
      return 62;
    } else if (c == '/') {
      return 63;
    }
    return -1;
  }

  // Every character before the offending one is ASCII in all the forms above, so the character
  // index is also the byte offset in the UTF-8 payload.
  private static CodecException malformed(String text, ResourceType type, String problem, int pos) {
    return new CodecException(type.ddfName() + " text '" + CodecException.excerpt(text) + "' " + problem, pos);
  }

  private static CodecException outOfRange(String text, ResourceType type, String range) {
    return new CodecException(type.ddfName() + " text '" + CodecException.excerpt(text) + "' is out of range for " + range);
  }


}
