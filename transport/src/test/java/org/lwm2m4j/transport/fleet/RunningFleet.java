package org.lwm2m4j.transport.fleet;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapSettings;

/** A {@link FleetNetwork} on a two-thread scheduler with its receive loop on a thread of the test's; close stops both. */
final class RunningFleet implements AutoCloseable {
  static final String SCHEDULER_NAME = "fleet-test";
  static final String RECEIVER_NAME = "fleet-receiver";

  final SystemScheduler scheduler = SystemScheduler.create(SCHEDULER_NAME, 2);
  final FleetNetwork network;
  final Thread receiver;
  final AtomicReference<Throwable> failure = new AtomicReference<>();

  RunningFleet(CoapSettings coap) throws IOException {
    this(coap, true);
  }

  RunningFleet(CoapSettings coap, boolean handOff) throws IOException {
    network = FleetNetwork.open(FleetSocketSettings.defaults(), scheduler, coap, handOff);
    receiver = new Thread(() -> {
      try {
        network.run();
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    }, RECEIVER_NAME);
    receiver.start();
  }

  /** Device {@code i}'s endpoint at its own 127.x.y.z address. */
  CoapEndpoint device(int i, CoapHandler handler) throws IOException {
    return network.bind(new InetSocketAddress(LoopbackFleet.deviceAddress(i), 0), handler);
  }

  InetSocketAddress address(int i) {
    Inet4Address device = LoopbackFleet.deviceAddress(i);
    return new InetSocketAddress(device, network.port());
  }

  @Override
  public void close() throws InterruptedException {
    network.close();
    receiver.join();
    scheduler.close();
  }
}
