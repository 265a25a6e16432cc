package org.lwm2m4j.app.client;

import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.sms.SmppSettings;
import org.lwm2m4j.transport.sms.SmsNetwork;

/**
 * The client command's SMS transport: an {@link SmsNetwork} bound to an SMSC over SMPP as the
 * client's own number, with CoAP timing for SMS ({@link SmsNetwork#COAP_SETTINGS}). The one place
 * the command touches the SMPP transport.
 */
final class SmppTransport implements AutoCloseable {
  private final SmsNetwork network;

  private SmppTransport(SmsNetwork network) {
    this.network = network;
  }

  /**
   * Starts binding to the SMSC of {@code settings} in the background (and again after each drop).
   */
  static SmppTransport open(SmppSettings settings, Scheduler scheduler) {
    return new SmppTransport(SmsNetwork.open(settings, scheduler, SmsNetwork.COAP_SETTINGS));
  }

  /** What the client binds its SMS endpoint with. */
  CoapEndpointFactory factory() {
    return network;
  }

  @Override
  public void close() {
    network.close();
  }
}
