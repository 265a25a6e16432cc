package org.lwm2m4j.core.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.Utf8;

/**
 * Reads CoRE Link Format (RFC 6690, content format 40) as LwM2M peers write it: Register and
 * Update payloads, Discover and Bootstrap-Discover responses, Corelnk values.
 *
 * <pre>{@code
 * List<Link> links = LinkFormatParser.parse("</>;rt=\"oma.lwm2m\";ct=\"60 110 112\", </1/0>, </3/0>");
 * links.get(0).value("ct");   // Optional[60 110 112]
 * }</pre>
 *
 * <p>Accepted beyond the strict grammar, because deployed peers send it: whitespace around
 * {@code ,} {@code ;} and {@code =} (spec examples wrap lines after commas), and the LwM2M 1.0
 * Bootstrap-Discover form whose first element is a bare parameter without a link,
 * {@code lwm2m="1.0",</0/0>;ssid=101}, returned as a {@link Link} with an empty target. Quoted
 * values may hold commas, semicolons and {@code \"} escapes; unquoted values are tokens. Targets
 * are kept as written, trailing slash included ({@link Link#path()} normalizes it).
 *
 * <p>Stricter than RFC 6690, whose {@code ptoken} allows {@code =}: an unquoted value may not hold
 * {@code =} (as RFC 8288's {@code token} may not), so {@code a=b=c}, which reads two ways, is
 * refused; {@code a="b=c"} is the way to write it.
 *
 * <p>Rejected, with the character (or, for bytes, byte) offset in the message: an empty element
 * or a trailing comma, an unterminated {@code <…>} or quoted string, an empty target
 * {@code <>}, a parameter without a name or {@code =} without a value, an unquoted value holding
 * {@code =}, anything after a link that
 * is not {@code ;} or {@code ,}. Hostile input is bounded: at most {@value #MAX_LENGTH} characters
 * (bytes), {@value #MAX_LINKS} links and {@value #MAX_ATTRIBUTES_PER_LINK} parameters per link.
 * Stateless and thread-safe.
 */
public final class LinkFormatParser {
  /** The largest payload accepted, in characters for text and in bytes for a UTF-8 payload. */
  public static final int MAX_LENGTH = 64 * 1024;
  /** The most links one payload may hold. */
  public static final int MAX_LINKS = 8192;
  /** The most parameters one link may carry. */
  public static final int MAX_ATTRIBUTES_PER_LINK = 64;

  private final String text;
  /** Present when parsing a byte payload: offsets in errors are then byte offsets. */
  private final boolean fromBytes;
  private int pos;

  private LinkFormatParser(String text, boolean fromBytes) {
    this.text = text;
    this.fromBytes = fromBytes;
  }

  /**
   * The links in {@code text}, in order; empty for an empty or blank text.
   *
   * @throws CodecException if the text is not link format, or exceeds the limits above; the
   *     message gives the character offset
   */
  public static List<Link> parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new CodecException("link format text of " + text.length() + " characters exceeds the limit of "
          + MAX_LENGTH);
    }
    return new LinkFormatParser(text, false).links();
  }

  /**
   * The links in a UTF-8 {@code payload}, in order; empty for an empty payload.
   *
   * @throws CodecException if the payload is not strict UTF-8 or not link format, or exceeds the
   *     limits above; {@link CodecException#offset()} gives the byte offset
   */
  public static List<Link> parse(byte[] payload) {
    if (payload.length > MAX_LENGTH) {
      throw new CodecException("link format payload of " + payload.length + " bytes exceeds the limit of "
          + MAX_LENGTH);
    }
    return new LinkFormatParser(Utf8.decode(payload, 0, payload.length, 0), true).links();
  }

  private List<Link> links() {
    List<Link> links = new ArrayList<>();
    skipWhitespace();
    if (atEnd()) {
      return List.of();
    }
    while (true) {
      if (links.size() == MAX_LINKS) {
        throw failure("more than " + MAX_LINKS + " links", pos);
      }
      links.add(links.isEmpty() && peek() != '<' ? bareElement() : link());
      skipWhitespace();
      if (atEnd()) {
        return List.copyOf(links);
      }
      if (peek() != ',') {
        throw failure("expected ',' or ';' after a link, found " + describe(peek()), pos);
      }
      int comma = pos++;
      skipWhitespace();
      if (atEnd()) {
        throw failure("trailing ',' with no link after it", comma);
      }
    }
  }

  /** {@code <target>} followed by its parameters. */
  private Link link() {
    int open = pos;
    if (peek() != '<') {
      throw failure("expected '<' to start a link, found " + describe(peek()), pos);
    }
    pos++;
    while (!atEnd() && peek() != '>') {
      if (!LinkSyntax.isTargetChar(peek())) {
        throw failure("link target has " + describe(peek()), pos);
      }
      pos++;
    }
    if (atEnd()) {
      throw failure("unterminated '<': no closing '>'", open);
    }
    if (pos == open + 1) {
      throw failure("empty link target '<>'", open);
    }
    String target = text.substring(open + 1, pos++);
    return new Link(target, attributes(new ArrayList<>()));
  }

  /** The LwM2M 1.0 form {@code lwm2m="1.0"}: parameters with no link before them. */
  private Link bareElement() {
    int start = pos;
    if (!LinkSyntax.isNameChar(peek())) {
      throw failure("expected '<' to start a link, found " + describe(peek()), pos);
    }
    LinkAttribute first = attribute();
    if (first.value().isEmpty()) {
      throw failure("expected '<' to start a link", start);
    }
    List<LinkAttribute> attributes = new ArrayList<>();
    attributes.add(first);
    return new Link("", attributes(attributes));
  }

  /** Appends each {@code ;param} that follows to {@code attributes}. */
  private List<LinkAttribute> attributes(List<LinkAttribute> attributes) {
    while (true) {
      skipWhitespace();
      if (atEnd() || peek() != ';') {
        return attributes;
      }
      if (attributes.size() == MAX_ATTRIBUTES_PER_LINK) {
        throw failure("more than " + MAX_ATTRIBUTES_PER_LINK + " parameters in one link", pos);
      }
      pos++;
      skipWhitespace();
      attributes.add(attribute());
    }
  }

  /** {@code name}, {@code name=token} or {@code name="quoted"}. */
  private LinkAttribute attribute() {
    int start = pos;
    while (!atEnd() && LinkSyntax.isNameChar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw failure(atEnd() ? "expected a parameter name at the end" : "expected a parameter name, found "
          + describe(peek()), pos);
    }
    String name = text.substring(start, pos);
    int afterName = pos;
    skipWhitespace();
    if (atEnd() || peek() != '=') {
      pos = afterName;
      return LinkAttribute.of(name);
    }
    pos++;
    skipWhitespace();
    return new LinkAttribute(name, Optional.of(!atEnd() && peek() == '"' ? quoted() : token(name)));
  }

  private String token(String name) {
    int start = pos;
    while (!atEnd() && LinkSyntax.isUnquotedValueChar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw failure("parameter '" + name + "' has '=' but no value", pos);
    }
    if (!atEnd() && peek() == '=') {
      throw failure("the unquoted value of parameter '" + name + "' holds '='; quote it", pos);
    }
    return text.substring(start, pos);
  }

  /** A quoted string; a backslash escapes the character after it. */
  private String quoted() {
    int open = pos++;
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          break;
        }
        c = text.charAt(pos++);
      }
      value.append(c);
    }
    throw failure("unterminated quoted string", open);
  }

  private void skipWhitespace() {
    while (!atEnd() && LinkSyntax.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private static String describe(char c) {
    return c < ' ' || c == 0x7F ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
  }

  private CodecException failure(String problem, int charIndex) {
    String message = "invalid link format: " + problem;
    if (!fromBytes) {
      return new CodecException(message + " (at character " + charIndex + ")");
    }
    return new CodecException(message, Utf8.length(text, charIndex));
  }
}
