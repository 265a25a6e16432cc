package org.lwm2m4j.core.link;

/**
 * The character classes of CoRE Link Format (RFC 6690 §2, with RFC 8288 parameter names) that the
 * parser, the writer and the value types agree on, so that whatever a {@link Link} can hold the
 * writer can write and the parser read back.
 */
final class LinkSyntax {
  private LinkSyntax() {}

  /** A character of a link target: anything but whitespace, controls and the angle brackets. */
  static boolean isTargetChar(char c) {
    return c > ' ' && c != 0x7F && c != '<' && c != '>';
  }

  /** A character of a parameter name (an RFC 7230 {@code tchar}, the name syntax of RFC 8288). */
  static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** A character the writer may leave unquoted ({@code ptokenchar} of RFC 6690 but {@code =}, which the parser refuses unquoted). */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'()*+-./:<>?@[]^_`{|}~".indexOf(c) >= 0;
  }

  /**
   * A character the parser accepts in an unquoted value: a superset of {@link #isTokenChar} that
   * also takes non-ASCII text, but never a separator, quote, backslash, {@code =}, blank or control.
   */
  static boolean isUnquotedValueChar(char c) {
    return c > ' ' && c != 0x7F && c != ',' && c != ';' && c != '"' && c != '\\' && c != '=';
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Whether {@code value} can be written without quotes: a non-empty run of token characters. */
  static boolean isToken(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isTokenChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
