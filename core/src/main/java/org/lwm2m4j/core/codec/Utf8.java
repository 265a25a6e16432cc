package org.lwm2m4j.core.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding for binary payloads: malformed or truncated sequences are a {@link
 * CodecException}, never silently replaced with U+FFFD. Pure ASCII, the common case for LwM2M
 * strings, takes a fast path without a decoder.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param payloadOffset where these bytes start in the whole payload, for the error message
   * @throws CodecException if the bytes are not well-formed UTF-8
   */
  public static String decode(byte[] bytes, int offset, int length, long payloadOffset) {
    int end = offset + length;
    boolean ascii = true;
    for (int i = offset; i < end; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("invalid UTF-8 in string value", payloadOffset);
    }
  }

  /**
   * Checks that {@code length} bytes from {@code offset} are well-formed UTF-8 (RFC 3629): no
   * overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequence. Used
   * before parsers that are lenient about these (Jackson's JSON parser reads {@code C0 80} as
   * U+0000). Allocates nothing.
   *
   * @throws CodecException with the offset of the first bad byte
   */
  public static void validate(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int lead = bytes[i] & 0xFF;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int continuation;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuation = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuation = 2;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuation = 3;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
      } else {
        throw new CodecException("invalid UTF-8 lead byte 0x" + Integer.toHexString(lead), i);
      }
      if (continuation > end - i - 1) {
        throw new CodecException("truncated UTF-8 sequence", i);
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < low || second > high) {
        throw new CodecException("invalid UTF-8 sequence (overlong, surrogate or out of range)", i);
      }
      for (int k = 2; k <= continuation; k++) {
        int next = bytes[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          throw new CodecException("invalid UTF-8 continuation byte", i + k);
        }
      }
      i += continuation + 1;
    }
  }

  /** The UTF-8 bytes of {@code text}; lone surrogates are rejected rather than written as '?'. */
  public static byte[] encode(String text) {
    requireWellFormed(text);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code text} has no unpaired surrogate, so that it has a UTF-8 form at all.
   *
   * @throws CodecException naming the character index otherwise
   */
  public static void requireWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new CodecException("string value has an unpaired surrogate at character " + i);
      }
    }
  }

  /**
   * The number of bytes the first {@code end} characters of {@code text} take in UTF-8, counted
   * without encoding them (a surrogate pair is four bytes). Gives the byte offset of a character.
   */
  public static long length(CharSequence text, int end) {
    long bytes = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
