package org.lwm2m4j.client.registration;

import org.lwm2m4j.transport.CoapServerEndpoint;

/**
 * The CoAP channel to each server: the shared plain endpoint for {@code coap://} servers, a DTLS
 * endpoint of its own, with that server's credentials, for each {@code coaps://} one.
 */
public interface AccountEndpoints {
  /**
   * The endpoint to reach {@code account} through, opened if needed.
   *
   * @throws IllegalStateException if the channel cannot be opened (bad credentials, no port)
   */
  CoapServerEndpoint endpointFor(ServerAccount account);

  /** Closes the channel of an account that is gone (the shared plain endpoint stays). */
  void release(ServerAccount account);
}
