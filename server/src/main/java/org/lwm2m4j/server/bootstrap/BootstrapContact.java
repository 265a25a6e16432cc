package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * Where and how a client last reached the Bootstrap-Server, and when: where a push goes when it
 * is given no address. A device that restarted since may have another port by now, so the time
 * is shown with the address wherever a push uses it.
 *
 * @param address where the client's last Bootstrap-Request or Bootstrap-Pack-Request came from
 * @param secure whether it came over DTLS (a push then goes over DTLS too)
 * @param since when that request arrived
 */
public record BootstrapContact(InetSocketAddress address, boolean secure, Instant since) {
  public BootstrapContact {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(since, "since");
  }
}
