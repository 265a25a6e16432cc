package org.lwm2m4j.transport.dtls;

import java.util.Optional;

/**
 * Where the nodes of a DTLS cluster share their sessions, so that a device whose node died can
 * resume its session with another node (an abbreviated handshake: the same security context, so
 * no new Register) instead of a full handshake. Each session's state is kept under its session
 * identifier as opaque bytes, which hold the session's master secret: keep them where the
 * client credentials are kept, with the same protection.
 *
 * <p>Called on the DTLS threads, during handshakes: answer quickly, and never throw (an entry that
 * cannot be stored or read costs the device a full handshake, nothing more).
 */
public interface DtlsSessionCache {
  /** Keeps {@code state}, the session {@code sessionId} as its handshake left it. */
  void put(byte[] sessionId, byte[] state);

  /** The state kept for {@code sessionId}, if any. */
  Optional<byte[]> get(byte[] sessionId);

  /** Forgets {@code sessionId} (its session was closed or found unusable). */
  void remove(byte[] sessionId);
}
