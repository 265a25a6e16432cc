package org.lwm2m4j.transport.sms;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The user data of one SMS as it goes into a {@code submit_sm}: a whole CoAP message, or one part of
 * a concatenated one starting with its user data header ({@code udhi}, which sets esm_class bit 0x40).
 * Immutable: the bytes are copied in and out.
 */
record SmsPart(byte[] userData, boolean udhi) {
  SmsPart {
    userData = userData.clone();
  }

  @Override
  public byte[] userData() {
    return userData.clone();
  }

  /** How many bytes of user data this part carries. */
  int length() {
    return userData.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SmsPart part && part.udhi == udhi && Arrays.equals(part.userData, userData);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(userData) * 31 + Boolean.hashCode(udhi);
  }

  @Override
  public String toString() {
    return "SmsPart[" + (udhi ? "udhi " : "") + HexFormat.of().formatHex(userData) + "]";
  }
}
