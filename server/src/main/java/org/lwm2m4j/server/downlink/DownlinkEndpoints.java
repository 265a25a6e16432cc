package org.lwm2m4j.server.downlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The plain endpoint, and the DTLS one for clients registered over DTLS when there is one. */
  static DownlinkEndpoints of(CoapEndpoint plain, Optional<CoapEndpoint> secure) {
    List<CoapEndpoint> all = new ArrayList<>(List.of(plain));
    secure.ifPresent(all::add);
    List<CoapEndpoint> every = List.copyOf(all);
    return new DownlinkEndpoints() {
      @Override
      public CoapEndpoint endpointFor(Registration registration) {
        return registration.secure() && secure.isPresent() ? secure.get() : plain;
      }

      @Override
      public List<CoapEndpoint> all() {
        return every;
      }
    };
  }

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
