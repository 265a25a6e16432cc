package org.lwm2m4j.transport.dtls;

/**
 * Who the peer proved to be in the DTLS handshake: a PSK identity, a raw public key or an X.509
 * certificate. Requests over plain CoAP carry none. The server compares it with the credentials it
 * expects for the endpoint name the client claims.
 */
public sealed interface PeerIdentity permits PskIdentity, RpkIdentity, X509Identity {
  /** A short human-readable form for logs (never secret material). */
  String describe();
}
