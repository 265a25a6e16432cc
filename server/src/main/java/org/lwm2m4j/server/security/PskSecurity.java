package org.lwm2m4j.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * A pre-shared key credential (security mode 0): the client presents {@code identity} in the
 * handshake and proves it knows {@code key}. Limits follow the Security object: the identity is
 * 1 to 128 bytes of UTF-8, the key 1 to 64 bytes (16 or more recommended). The key is copied in
 * and out, compared by content, and never appears in {@link #toString()}.
 *
 * @param endpoint the endpoint name this identity authenticates
 * @param identity the PSK identity, UTF-8
 * @param key the secret key bytes
 */
public record PskSecurity(String endpoint, String identity, byte[] key) implements SecurityInfo {
  /** The longest PSK identity, in UTF-8 bytes, a client must support. */
  public static final int MAX_IDENTITY_BYTES = 128;
  /** The longest PSK, in bytes, a client must support. */
  public static final int MAX_KEY_BYTES = 64;

  /**
   * @throws InvalidRequestException if the endpoint is empty, the identity is empty, longer than
   *     128 bytes of UTF-8 or not well-formed Unicode, or the key is empty or longer than 64 bytes
   */
  public PskSecurity {
    EndpointNames.check(endpoint);
    checkIdentity(identity);
    if (key == null || key.length == 0) {
      throw new InvalidRequestException("the PSK key for '" + endpoint + "' must not be empty");
    }
    if (key.length > MAX_KEY_BYTES) {
      throw new InvalidRequestException("the PSK key for '" + endpoint + "' is " + key.length
          + " bytes; at most " + MAX_KEY_BYTES + " are allowed");
    }
    key = key.clone();
  }

  /** A copy of the key. */
  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public String mode() {
    return "psk";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PskSecurity psk
        && endpoint.equals(psk.endpoint)
        && identity.equals(psk.identity)
        && MessageDigest.isEqual(key, psk.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, identity, Arrays.hashCode(key));
  }

  @Override
  public String toString() {
    return "PskSecurity[endpoint=" + endpoint + ", identity=" + identity + ", key=(" + key.length + " bytes)]";
  }

  private static void checkIdentity(String identity) {
    if (identity == null || identity.isEmpty()) {
      throw new InvalidRequestException("the PSK identity must not be empty");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(identity)) {
      throw new InvalidRequestException("the PSK identity is not well-formed Unicode (unpaired surrogate)");
    }
    int bytes = identity.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_IDENTITY_BYTES) {
      throw new InvalidRequestException("the PSK identity is " + bytes + " bytes of UTF-8; at most "
          + MAX_IDENTITY_BYTES + " are allowed");
    }
  }
}
