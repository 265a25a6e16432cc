package org.lwm2m4j.transport.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CoAP message into the user data of SMS (3GPP TS 23.040 §9.2.3.24.1): whole when it fits
 * in {@value #MAX_USER_DATA} bytes, else in parts that each start with the user data header {@code
 * 05 00 03 ref total n} (information element 0x00, 8-bit reference) and carry up to {@value
 * #PART_PAYLOAD} bytes of the message. {@link Reassembly} puts parts back together.
 */
final class Concatenation {
  /** The most user data one 8-bit SMS carries. */
  static final int MAX_USER_DATA = 140;
  /** The user data header of a part: length, IE 0x00, IE length, reference, total, number. */
  static final int HEADER_LENGTH = 6;
  /** The message bytes one part carries after its header. */
  static final int PART_PAYLOAD = MAX_USER_DATA - HEADER_LENGTH;
  /** The most parts the header can count. */
  static final int MAX_PARTS = 255;
  /** The longest message that can travel concatenated. */
  static final int MAX_MESSAGE = MAX_PARTS * PART_PAYLOAD;
  /** Information element identifier: concatenated short messages, 8-bit reference. */
  static final int IE_CONCAT_8 = 0x00;
  /** Information element identifier: concatenated short messages, 16-bit reference. */
  static final int IE_CONCAT_16 = 0x08;

  private Concatenation() {}

  /**
   * The SMS that carry {@code message}; parts share {@code reference} (its low 8 bits).
   *
   * @throws IllegalArgumentException if the message is empty or longer than {@value #MAX_MESSAGE} bytes
   */
  static List<SmsPart> split(byte[] message, int reference) {
    if (message.length == 0) {
      throw new IllegalArgumentException("an SMS cannot carry an empty message");
    }
    if (message.length <= MAX_USER_DATA) {
      return List.of(new SmsPart(message, false));
    }
    if (message.length > MAX_MESSAGE) {
      throw new IllegalArgumentException("a message of " + message.length + " bytes needs more than " + MAX_PARTS
          + " SMS; at most " + MAX_MESSAGE + " bytes travel by SMS");
    }
    int total = (message.length + PART_PAYLOAD - 1) / PART_PAYLOAD;
    List<SmsPart> parts = new ArrayList<>(total);
    for (int n = 1; n <= total; n++) {
      int from = (n - 1) * PART_PAYLOAD;
      int length = Math.min(PART_PAYLOAD, message.length - from);
      byte[] userData = new byte[HEADER_LENGTH + length];
      userData[0] = 0x05;
      userData[1] = IE_CONCAT_8;
      userData[2] = 0x03;
      userData[3] = (byte) reference;
      userData[4] = (byte) total;
      userData[5] = (byte) n;
      System.arraycopy(message, from, userData, HEADER_LENGTH, length);
      parts.add(new SmsPart(userData, true));
    }
    return parts;
  }
}
