package org.lwm2m4j.client.security;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * The client's SMS side: its own number (MSISDN, without {@code +}) and the transport that sends
 * and receives SMS for it — an SMPP connection in a device, a {@code TwinNetwork} in tests.
 */
public record SmsTransport(String ownNumber, CoapEndpointFactory transport) {
  /**
   * @throws IllegalArgumentException if {@code ownNumber} is not an MSISDN
   */
  public SmsTransport {
    ownNumber = SmsAddress.normalize(ownNumber);
    Objects.requireNonNull(transport, "transport");
  }

  /** The client's own number as the address its SMS endpoint binds. */
  public InetSocketAddress address() {
    return SmsAddress.of(ownNumber);
  }
}
