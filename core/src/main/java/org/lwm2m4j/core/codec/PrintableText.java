package org.lwm2m4j.core.codec;

/**
 * Which characters of text from the network can be shown as they are — in a log line, a terminal,
 * an error message — and a visible escape for the others. Not printable: controls (C0, DEL, C1:
 * CR and LF forge log lines, ESC drives terminals), line and paragraph separators, format
 * characters (bidi overrides and zero-width marks make text read other than it is), unpaired
 * surrogates, and U+FFFD, which stands where a decoder met bytes that were not UTF-8.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrintableText {
  private PrintableText() {}

  /** Whether the code point {@code codePoint} may be shown as itself. */
  public static boolean isPrintable(int codePoint) {
    if (codePoint == 0xFFFD) {
      return false;
    }
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
        return false;
      default:
        return true;
    }
  }

  /** The index of the first character of {@code text} that is not printable (an unpaired surrogate included); -1 if there is none. */
  public static int firstUnprintable(CharSequence text) {
    int i = 0;
    while (i < text.length()) {
      int codePoint = Character.codePointAt(text, i);
      if (!isPrintable(codePoint)) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  /**
   * {@code text} with every character that is not printable written as an escape: {@code \r},
   * {@code \n}, {@code \t}, else {@code \}{@code u} and four hex digits per UTF-16 unit. The
   * result is one line of printable text; printable text comes back as the same instance.
   */
  public static String escape(String text) {
    int first = firstUnprintable(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    int i = first;
    while (i < text.length()) {
      int codePoint = Character.codePointAt(text, i);
      int units = Character.charCount(codePoint);
      if (isPrintable(codePoint)) {
        out.append(text, i, i + units);
      } else {
        for (int unit = i; unit < i + units; unit++) {
          appendEscape(out, text.charAt(unit));
        }
      }
      i += units;
    }
    return out.toString();
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '\r':
        out.append("\\r");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit((c >> 8) & 0xF, 16))
            .append(Character.forDigit((c >> 4) & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
    }
  }
}
