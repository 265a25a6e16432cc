package org.lwm2m4j.server.device;

import java.util.List;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapServerEndpoint;

/**
 * The server's CoAP endpoints as seen by downlink traffic: a client registered over DTLS is reached
 * through the secure endpoint (its session), one registered over plain CoAP through the plain one.
 */
public interface DownlinkEndpoints {
  /** The endpoint to reach {@code registration} through. */
  CoapServerEndpoint endpointFor(Registration registration);

  /** Every endpoint (for forgetting observation tokens whose registration is gone). */
  List<CoapServerEndpoint> all();

  /** A single endpoint for every client. */
  static DownlinkEndpoints single(CoapServerEndpoint endpoint) {
    return new DownlinkEndpoints() {
      @Override
      public CoapServerEndpoint endpointFor(Registration registration) {
        return endpoint;
      }

      @Override
      public List<CoapServerEndpoint> all() {
        return List.of(endpoint);
      }
    };
  }
}
