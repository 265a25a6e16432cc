package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the client lets in on each of its channels, for the inbound chain's {@link ChannelGate}:
 * by SMS, which numbers are servers and what each may ask; over IP, whether the client is awake.
 */
public interface InboundChannels {
  /** Every request over IP is served; no SMS is: a client without SMS and not in queue mode. */
  InboundChannels OPEN = new InboundChannels() {
    @Override
    public Optional<SmsScope> smsScope(String msisdn) {
      return Optional.empty();
    }

    @Override
    public boolean admitOverIp(InetSocketAddress peer) {
      return true;
    }
  };

  /** What the server with SMS number {@code msisdn} may ask by SMS; empty for a number that is no server's. */
  Optional<SmsScope> smsScope(String msisdn);

  /**
   * Whether a request from {@code peer} arriving over IP now is served: false while a queue-mode
   * client sleeps. A request admitted keeps the client awake.
   */
  boolean admitOverIp(InetSocketAddress peer);
}
