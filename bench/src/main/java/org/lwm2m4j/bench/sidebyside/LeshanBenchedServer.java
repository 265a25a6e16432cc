package org.lwm2m4j.bench.sidebyside;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.registration.Registration;

/** Eclipse Leshan 2.0.0-M15's server with its defaults: in-memory registration store, plain CoAP on 127.0.0.1. */
final class LeshanBenchedServer implements BenchedServer {
  private static final long READ_TIMEOUT_MILLIS = 5_000;

  private final LeshanServer server;

  private LeshanBenchedServer(LeshanServer server) {
    this.server = server;
  }

  static LeshanBenchedServer start() {
    CaliforniumServerEndpointsProvider endpoints = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP)
        .build();
    LeshanServer server = new LeshanServerBuilder().setEndpointsProviders(endpoints).build();
    server.start();
    return new LeshanBenchedServer(server);
  }

  @Override
  public int port() {
    return server.getEndpoint(Protocol.COAP).getURI().getPort();
  }

  @Override
  public int registrations() {
    int count = 0;
    for (Iterator<Registration> all = server.getRegistrationService().getAllRegistrations(); all.hasNext(); all.next()) {
      count++;
    }
    return count;
  }

  @Override
  public int read(String prefix, int clients, int count, int window) throws InterruptedException {
    List<Registration> readers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Registration registration = server.getRegistrationService().getByEndpoint(prefix + "-" + i);
      if (registration == null) {
        throw new IllegalStateException(prefix + "-" + i + " is not registered");
      }
      readers.add(registration);
    }
    return InFlightWindow.run(count, window, (i, done) -> server.send(readers.get(i % readers.size()),
        new ReadRequest(ContentFormat.TLV, 3, 0), READ_TIMEOUT_MILLIS,
        response -> done.done(response.isSuccess()), error -> done.done(false)));
  }

  @Override
  public void stopNetwork() {
    server.stop();
  }

  @Override
  public void release() {
    // stop() keeps Californium's executors, whose threads keep the whole server reachable.
    server.destroy();
  }
}
