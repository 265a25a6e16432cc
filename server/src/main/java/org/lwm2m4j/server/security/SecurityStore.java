package org.lwm2m4j.server.security;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.error.ConflictException;

/**
 * The credentials the server expects, by endpoint name, with the look-ups the DTLS handshake needs
 * (by PSK identity, by raw public key). One credential per endpoint; a PSK identity or a raw public
 * key belongs to at most one endpoint, so the handshake always knows which endpoint it
 * authenticated. Implementations are thread-safe; look-ups are cheap (constant time), since they
 * run during handshakes.
 *
 * <p>Listeners hear about every change so that the server can end what was authenticated with old
 * credentials (DTLS sessions, registrations).
 */
public interface SecurityStore {

  /** The credential of {@code endpoint}, if any. */
  Optional<SecurityInfo> byEndpoint(String endpoint);

  /** The PSK credential whose identity is {@code identity}, if any. */
  Optional<PskSecurity> byPskIdentity(String identity);

  /** The raw public key credential for {@code publicKey} (DER SubjectPublicKeyInfo compared), if any. */
  Optional<RpkSecurity> byPublicKey(PublicKey publicKey);

  /** Where {@code endpoint}'s credential came from; empty if it has none. */
  Optional<CredentialOrigin> origin(String endpoint);

  /**
   * Stores {@code info} as its endpoint's credential, put through the API ({@link
   * CredentialOrigin#API}), replacing the previous one; see {@link #put(SecurityInfo, CredentialOrigin)}.
   *
   * @return the credential replaced, empty if the endpoint had none
   * @throws ConflictException (4.09) if the PSK identity or the public key already belongs to another endpoint
   */
  default Optional<SecurityInfo> put(SecurityInfo info) {
    return put(info, CredentialOrigin.API);
  }

  /**
   * Stores {@code info} as its endpoint's credential, from {@code origin}, replacing the previous
   * one and its origin. Listeners hear {@link SecurityStoreListener#changed} unless the stored
   * credential was already equal (a change of origin alone ends nothing).
   *
   * @return the credential replaced, empty if the endpoint had none
   * @throws ConflictException (4.09) if the PSK identity or the public key already belongs to another endpoint
   */
  Optional<SecurityInfo> put(SecurityInfo info, CredentialOrigin origin);

  /**
   * Removes {@code endpoint}'s credential; listeners hear {@link SecurityStoreListener#removed}.
   *
   * @return the credential removed, empty if there was none
   */
  Optional<SecurityInfo> remove(String endpoint);

  /** Every credential, by endpoint name; a snapshot. */
  List<SecurityInfo> all();

  /** Tells {@code listener} about every later change. */
  void addListener(SecurityStoreListener listener);

  /** Stops telling {@code listener}; no effect if it was not added. */
  void removeListener(SecurityStoreListener listener);
}
