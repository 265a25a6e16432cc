package org.lwm2m4j.server.device;

import java.util.List;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;

/**
 * The server's CoAP endpoints as seen by downlink traffic: a client registered over DTLS is reached
 * through the secure endpoint (its session), one registered over plain CoAP through the plain one.
 */
public interface DownlinkEndpoints {
  /** The endpoint to reach {@code registration} through. */
  CoapEndpoint endpointFor(Registration registration);

  /** Every endpoint (for forgetting observation tokens whose registration is gone). */
  List<CoapEndpoint> all();

  /** A single endpoint for every client. */
  static DownlinkEndpoints single(CoapEndpoint endpoint) {
    return new DownlinkEndpoints() {
      @Override
      public CoapEndpoint endpointFor(Registration registration) {
        return endpoint;
      }

      @Override
      public List<CoapEndpoint> all() {
        return List.of(endpoint);
      }
    };
  }
}
