package org.lwm2m4j.core.codec;

import java.util.OptionalLong;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * A payload that cannot be decoded, or a node that cannot be encoded, in a given content format.
 * The message names what is wrong and where: a byte offset for binary formats (also available as
 * {@link #offset()}), a record index or field name for JSON-based ones. Answered with 4.00 Bad
 * Request. Decoders throw nothing else, whatever their input.
 */
public class CodecException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private static final int EXCERPT_LENGTH = 40;

  private final long offset;

  /** A failure with no meaningful byte offset (the message says where). */
  public CodecException(String message) {
    super(message);
    this.offset = -1;
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
    this.offset = -1;
  }

  /** A failure at byte {@code offset} of the payload; the offset is appended to the message. */
  public CodecException(String message, long offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  public CodecException(String message, long offset, Throwable cause) {
    super(message + " (at byte " + offset + ")", cause);
    this.offset = offset;
  }

  /** The byte offset in the payload where decoding failed, when the format has one. */
  public OptionalLong offset() {
    return offset >= 0 ? OptionalLong.of(offset) : OptionalLong.empty();
  }

  /**
   * User-supplied text made safe for an error message: anything not {@linkplain PrintableText
   * printable} escaped, anything past 40 characters cut, with the full length noted.
   */
  public static String excerpt(String text) {
    int end = Math.min(text.length(), EXCERPT_LENGTH);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16).append(PrintableText.escape(text.substring(0, end)));
    if (end < text.length()) {
      out.append("…(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
