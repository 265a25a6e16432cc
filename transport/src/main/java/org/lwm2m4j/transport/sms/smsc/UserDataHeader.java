package org.lwm2m4j.transport.sms.smsc;

import java.util.Optional;

/**
 * Reads the concatenation element of an SMS user data header (3GPP TS 23.040 §9.2.3.24), for the
 * log only: the SMSC passes the bytes on unchanged, so a malformed header is simply not a part.
 */
final class UserDataHeader {
  private static final int CONCATENATED_8_BIT = 0x00;
  private static final int CONCATENATED_16_BIT = 0x08;

  private UserDataHeader() {}

  /** The part {@code userData} is, when its header has a concatenation element. */
  static Optional<SmsRecord.Part> part(byte[] userData) {
    if (userData.length < 1) {
      return Optional.empty();
    }
    int headerLength = userData[0] & 0xFF;
    int end = 1 + headerLength;
    if (end > userData.length) {
      return Optional.empty();
    }
    int at = 1;
    while (at + 2 <= end) {
      int id = userData[at] & 0xFF;
      int length = userData[at + 1] & 0xFF;
      int value = at + 2;
      if (value + length > end) {
        return Optional.empty();
      }
      if (id == CONCATENATED_8_BIT && length == 3) {
        return Optional.of(new SmsRecord.Part(userData[value] & 0xFF, userData[value + 2] & 0xFF, userData[value + 1] & 0xFF));
      }
      if (id == CONCATENATED_16_BIT && length == 4) {
        int reference = (userData[value] & 0xFF) << 8 | userData[value + 1] & 0xFF;
        return Optional.of(new SmsRecord.Part(reference, userData[value + 3] & 0xFF, userData[value + 2] & 0xFF));
      }
      at = value + length;
    }
    return Optional.empty();
  }
}
