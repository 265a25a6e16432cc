package org.lwm2m4j.server.downlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;

/**
 * The server's CoAP endpoints as seen by downlink traffic: a client registered over DTLS is reached
 * through the secure endpoint (its session), one registered by SMS through the SMS endpoint, one
 * registered over plain CoAP through the plain one.
 */
public interface DownlinkEndpoints {
  /** The endpoint to reach {@code registration} through. */
  CoapEndpoint endpointFor(Registration registration);

  /** Every endpoint (for forgetting observation tokens whose registration is gone). */
  List<CoapEndpoint> all();

  /** The endpoint that sends and receives SMS, if the server has one (for the SMS wake-up trigger). */
  default Optional<CoapEndpoint> sms() {
    return Optional.empty();
  }

  /** The plain endpoint, and the DTLS one for clients registered over DTLS when there is one. */
  static DownlinkEndpoints of(CoapEndpoint plain, Optional<CoapEndpoint> secure) {
    return of(plain, secure, Optional.empty());
  }

  /**
   * The plain endpoint, the DTLS one for clients registered over DTLS and the SMS one for clients
   * registered by SMS, when the server has them. A client registered by SMS while the server has no
   * SMS endpoint (restored from a store) gets the plain one, whose send to an SMS address fails.
   */
  static DownlinkEndpoints of(CoapEndpoint plain, Optional<CoapEndpoint> secure, Optional<CoapEndpoint> sms) {
    List<CoapEndpoint> all = new ArrayList<>(List.of(plain));
    secure.ifPresent(all::add);
    sms.ifPresent(all::add);
    List<CoapEndpoint> every = List.copyOf(all);
    return new DownlinkEndpoints() {
      @Override
      public CoapEndpoint endpointFor(Registration registration) {
        return switch (registration.channel()) {
          case SMS -> sms.orElse(plain);
          case DTLS -> secure.orElse(plain);
          case UDP -> plain;
        };
      }

      @Override
      public List<CoapEndpoint> all() {
        return every;
      }

      @Override
      public Optional<CoapEndpoint> sms() {
        return sms;
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
