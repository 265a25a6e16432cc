package org.lwm2m4j.app.payload;

import java.util.HexFormat;
import org.lwm2m4j.app.cli.BadInputException;

/** Hex text as users paste it from captures: pairs of digits, optionally separated by blanks or colons, with an optional {@code 0x}. */
final class Hex {
  private Hex() {}

  static byte[] parse(String text) {
    String digits = text.trim();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    StringBuilder clean = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (Character.isWhitespace(c) || c == ':') {
        continue;
      }
      if (Character.digit(c, 16) < 0) {
        throw new BadInputException("--hex: '" + c + "' at character " + i + " is not a hex digit");
      }
      clean.append(c);
    }
    if (clean.length() % 2 != 0) {
      throw new BadInputException("--hex: odd number of hex digits (" + clean.length() + "); every byte needs two");
    }
    return HexFormat.of().parseHex(clean);
  }

  static String format(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
