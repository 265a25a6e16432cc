package org.lwm2m4j.server.security;

/**
 * The credential a client must authenticate with in the DTLS handshake before the server accepts
 * it as {@link #endpoint()}: a pre-shared key ({@link PskSecurity}), a raw public key ({@link
 * RpkSecurity}) or an X.509 certificate naming the endpoint ({@link X509Security}). Values are
 * immutable and checked when built: an invalid credential cannot exist.
 */
public sealed interface SecurityInfo permits PskSecurity, RpkSecurity, X509Security {

  /** The endpoint name the credential authenticates. */
  String endpoint();

  /** The mode's name as the REST API and the CLI spell it: {@code psk}, {@code rpk} or {@code x509}. */
  String mode();
}
