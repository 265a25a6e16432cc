package org.lwm2m4j.bench.registration;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.registration.Registration;

/** Registrations as a fleet of devices would make them: distinct names, ids and addresses, an 11-link object list. */
final class RegistrationFleet {
  /** A typical LwM2M 1.1 Register payload: root link and 11 object/instance links. */
  static final String OBJECT_LINKS = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542\",</1/0>,</3/0>,</4/0>,</5/0>,"
      + "</6/0>,</7/0>,</3303/0>;ver=1.1,</3303/1>;ver=1.1,</3304/0>,</3311/0>,</3342/0>";

  private RegistrationFleet() {}

  /** Device {@code n}: every string is its own instance, as when parsed from a request. */
  static Registration device(int n, Instant at) {
    return Registration.builder(Long.toString(0x5A17_0000_0000L + n, 36), "urn:dev:" + (100_000_000 + n), address(n))
        .lifetimeSeconds(300 + n % 3600)
        .lwm2mVersion(Version.V1_1)
        .binding("U")
        .objectLinks(new String(OBJECT_LINKS.toCharArray()))
        .registeredAt(at)
        .build();
  }

  static InetSocketAddress address(int n) {
    try {
      byte[] ip = {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
      return new InetSocketAddress(InetAddress.getByAddress(ip), 5683 + (n & 0x3FF));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
