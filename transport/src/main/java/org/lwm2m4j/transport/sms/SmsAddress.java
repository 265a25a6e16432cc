package org.lwm2m4j.transport.sms;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * An MSISDN written as a socket address, so that SMS peers travel through the same {@code
 * CoapEndpoint} API, registrations and stores as UDP ones. The digits are packed in BCD into the
 * low 64 bits of an IPv6 address in {@code 100::/64}, the discard-only prefix of RFC 6666: such an
 * address can never be a real peer, no name look-up happens, and the mapping goes both ways. The
 * port is always {@value #PORT}.
 *
 * <p>An MSISDN here is 1 to 16 decimal digits, written without {@code +} (3GPP TS 23.003, as
 * LwM2M's {@code sms} parameter and {@code /0/x/9} write it); {@link #of} drops a leading {@code
 * +} so that users may type either.
 */
public final class SmsAddress {
  /** The port every SMS address carries. */
  public static final int PORT = 1;

  private static final int MAX_DIGITS = 16;

  private SmsAddress() {}

  /**
   * The address of {@code msisdn}.
   *
   * @throws IllegalArgumentException if it is not 1–16 decimal digits (after an optional {@code +})
   */
  public static InetSocketAddress of(String msisdn) {
    String digits = normalize(msisdn);
    byte[] bytes = new byte[16];
    bytes[0] = 0x01; // 100::/64
    for (int i = 0; i < MAX_DIGITS; i++) {
      int nibble = i < digits.length() ? digits.charAt(i) - '0' : 0xF;
      int at = 8 + i / 2;
      bytes[at] = (byte) (i % 2 == 0 ? nibble << 4 : (bytes[at] & 0xF0) | nibble);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), PORT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  /** The MSISDN {@code address} stands for, or empty when it is not an SMS address. */
  public static Optional<String> msisdn(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    InetAddress ip = address.getAddress();
    if (ip == null || address.getPort() != PORT) {
      return Optional.empty();
    }
    byte[] bytes = ip.getAddress();
    if (bytes.length != 16 || bytes[0] != 0x01) {
      return Optional.empty();
    }
    for (int i = 1; i < 8; i++) {
      if (bytes[i] != 0) {
        return Optional.empty();
      }
    }
    StringBuilder digits = new StringBuilder(MAX_DIGITS);
    boolean ended = false;
    for (int i = 0; i < MAX_DIGITS; i++) {
      int b = bytes[8 + i / 2];
      int nibble = i % 2 == 0 ? (b >> 4) & 0xF : b & 0xF;
      if (nibble == 0xF) {
        ended = true;
      } else if (nibble > 9 || ended) {
        return Optional.empty();
      } else {
        digits.append((char) ('0' + nibble));
      }
    }
    return digits.length() == 0 ? Optional.empty() : Optional.of(digits.toString());
  }

  /** Whether {@code address} stands for an MSISDN. */
  public static boolean isSms(InetSocketAddress address) {
    return msisdn(address).isPresent();
  }

  /** {@code sms:DIGITS} for an SMS address, else the address as Java prints it; for logs and the console. */
  public static String describe(InetSocketAddress address) {
    return msisdn(address).map(m -> "sms:" + m).orElseGet(address::toString);
  }

  /**
   * {@code msisdn} without a leading {@code +}.
   *
   * @throws IllegalArgumentException if it is not 1–16 decimal digits
   */
  public static String normalize(String msisdn) {
    Objects.requireNonNull(msisdn, "msisdn");
    String digits = msisdn.startsWith("+") ? msisdn.substring(1) : msisdn;
    if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + msisdn + "' is not an MSISDN: give 1 to " + MAX_DIGITS
          + " decimal digits, such as 33612345678");
    }
    return digits;
  }
}
