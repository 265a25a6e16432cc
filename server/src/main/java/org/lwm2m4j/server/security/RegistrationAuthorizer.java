package org.lwm2m4j.server.security;

import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.error.ForbiddenException;
import org.lwm2m4j.transport.dtls.PeerIdentity;
import org.lwm2m4j.transport.dtls.PskIdentity;
import org.lwm2m4j.transport.dtls.RpkIdentity;
import org.lwm2m4j.transport.dtls.X509Identity;

/**
 * Binds endpoint names to authenticated identities (security.md §5), secure by default: an
 * endpoint with credentials registers only over DTLS with exactly those credentials; one without
 * registers unsecured only if the {@link UnsecuredPolicy} allows; later requests on a registration
 * (Update, De-register, Send) must come with the identity it registered with. Every refusal is a
 * {@link ForbiddenException} (4.03) whose message says why.
 */
public final class RegistrationAuthorizer {
  private final SecurityStore store;
  private final UnsecuredPolicy unsecured;

  public RegistrationAuthorizer(SecurityStore store, UnsecuredPolicy unsecured) {
    this.store = Objects.requireNonNull(store, "store");
    this.unsecured = Objects.requireNonNull(unsecured, "unsecured");
  }

  /** Allows every unsecured registration and has no credentials: the behaviour without security. */
  public static RegistrationAuthorizer open() {
    return new RegistrationAuthorizer(new InMemorySecurityStore(), UnsecuredPolicy.ALLOW);
  }

  public SecurityStore store() {
    return store;
  }

  /**
   * The endpoint name a Register may use: {@code ep} if given, else the one the identity's
   * credentials belong to (or a certificate's CN). Empty if neither names one (the caller answers
   * 4.00).
   *
   * @throws ForbiddenException if the identity does not match the endpoint's credentials, an
   *     endpoint with credentials tries plain CoAP, or unsecured registration is denied
   */
  public String authorizeRegister(Optional<String> ep, Optional<PeerIdentity> identity) {
    if (identity.isEmpty()) {
      String endpoint = ep.orElse("");
      if (!endpoint.isEmpty() && store.byEndpoint(endpoint).isPresent()) {
        throw new ForbiddenException("'" + endpoint + "' has credentials and must register over DTLS (coaps)");
      }
      if (unsecured == UnsecuredPolicy.DENY) {
        throw new ForbiddenException("unsecured registration is disabled on this server (--unsecured deny); register over DTLS");
      }
      return endpoint;
    }
    PeerIdentity peer = identity.get();
    String endpoint = ep.filter(name -> !name.isEmpty()).or(() -> derivedEndpoint(peer))
        .orElseThrow(() -> new ForbiddenException("no endpoint name given and none is known for " + peer.describe()));
    requireMatch(endpoint, peer);
    return endpoint;
  }

  /**
   * Checks that a request acting on the registration of {@code endpoint} (Update, De-register,
   * Send), made over DTLS if {@code secure}, comes over the same kind of channel with the same
   * identity it registered with.
   *
   * @throws ForbiddenException otherwise
   */
  public void authorize(String endpoint, boolean secure, Optional<PeerIdentity> identity) {
    if (!secure) {
      if (identity.isPresent()) {
        throw new ForbiddenException(identity.get().describe() + " may not act on the unsecured registration of '"
            + endpoint + "'");
      }
      return;
    }
    PeerIdentity peer = identity.orElseThrow(() -> new ForbiddenException("the registration of '" + endpoint
        + "' was made over DTLS; plain CoAP requests may not act on it"));
    requireMatch(endpoint, peer);
  }

  private Optional<String> derivedEndpoint(PeerIdentity peer) {
    if (peer instanceof PskIdentity psk) {
      return store.byPskIdentity(psk.identity()).map(PskSecurity::endpoint);
    }
    if (peer instanceof RpkIdentity rpk) {
      return store.byPublicKey(rpk.publicKey()).map(RpkSecurity::endpoint);
    }
    if (peer instanceof X509Identity x509) {
      return x509.commonName();
    }
    return Optional.empty();
  }

  private void requireMatch(String endpoint, PeerIdentity peer) {
    SecurityInfo expected = store.byEndpoint(endpoint)
        .orElseThrow(() -> new ForbiddenException("'" + endpoint + "' has no credentials on this server; "
            + peer.describe() + " cannot register as it"));
    boolean matches;
    if (expected instanceof PskSecurity psk) {
      matches = peer instanceof PskIdentity presented && presented.identity().equals(psk.identity());
    } else if (expected instanceof RpkSecurity rpk) {
      matches = peer instanceof RpkIdentity presented && rpk.matches(presented.publicKey());
    } else if (expected instanceof X509Security x509) {
      matches = peer instanceof X509Identity presented && x509.matches(presented.certificate());
    } else {
      matches = false;
    }
    if (!matches) {
      throw new ForbiddenException("'" + endpoint + "' expects " + expected.mode() + " credentials of its own, but the peer"
          + " authenticated with " + peer.describe());
    }
  }
}
