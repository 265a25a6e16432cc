package org.lwm2m4j.transport.dtls;

/** Told about each DTLS handshake an endpoint finishes: full or abbreviated (resumed), and whether it failed. */
@FunctionalInterface
public interface HandshakeObserver {
  /**
   * @param resumed true for an abbreviated handshake (session resumption)
   * @param failure empty when the handshake succeeded, else why it failed
   */
  void finished(boolean resumed, java.util.Optional<String> failure);
}
