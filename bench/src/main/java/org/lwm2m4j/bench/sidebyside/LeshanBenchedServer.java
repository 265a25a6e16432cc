package org.lwm2m4j.bench.sidebyside;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.lwm2m4j.bench.dtls.DtlsHandshakeLoad;

/**
 * Eclipse Leshan 2.0.0-M15's server with its defaults: in-memory registration store, CoAP and
 * CoAP over DTLS (PSK identities {@code bench-i} in its in-memory security store) on 127.0.0.1,
 * and {@link LeshanHttpApi} for Reads over HTTP.
 */
final class LeshanBenchedServer implements BenchedServer {
  private static final long TIMEOUT_MILLIS = 5_000;

  private final LeshanServer server;
  private final LeshanHttpApi http;
  private final AtomicLong notifications = new AtomicLong();

  private LeshanBenchedServer(LeshanServer server) {
    this.server = server;
    this.http = LeshanHttpApi.start(server);
    server.getObservationService().addListener(new ObservationListener() {
      @Override
      public void newObservation(Observation observation, Registration registration) {}

      @Override
      public void cancelled(Observation observation) {}

      @Override
      public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        notifications.incrementAndGet();
      }

      @Override
      public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        notifications.incrementAndGet();
      }

      @Override
      public void onError(Observation observation, Registration registration, Exception error) {}
    });
  }

  static LeshanBenchedServer start() {
    CaliforniumServerEndpointsProvider endpoints = new CaliforniumServerEndpointsProvider.Builder(
        new CoapServerProtocolProvider(), new CoapsServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP)
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS)
        .build();
    InMemorySecurityStore security = new InMemorySecurityStore();
    try {
      for (int i = 0; i < PSK_IDENTITIES; i++) {
        security.add(SecurityInfo.newPreSharedKeyInfo("bench-" + i, "bench-" + i, DtlsHandshakeLoad.KEY));
      }
    } catch (NonUniqueSecurityInfoException e) {
      throw new IllegalStateException(e);
    }
    LeshanServer server = new LeshanServerBuilder().setEndpointsProviders(endpoints).setSecurityStore(security).build();
    server.start();
    return new LeshanBenchedServer(server);
  }

  @Override
  public int port() {
    return server.getEndpoint(Protocol.COAP).getURI().getPort();
  }

  @Override
  public int coapsPort() {
    return server.getEndpoint(Protocol.COAPS).getURI().getPort();
  }

  @Override
  public int httpPort() {
    return http.port();
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
    List<Registration> readers = registered(prefix, clients);
    return InFlightWindow.run(count, window, (i, done) -> server.send(readers.get(i % readers.size()),
        new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT_MILLIS,
        response -> done.done(response.isSuccess()), error -> done.done(false)));
  }

  @Override
  public int observe(String prefix, int count, int window) throws InterruptedException {
    List<Registration> devices = registered(prefix, count);
    return InFlightWindow.run(count, window, (i, done) -> server.send(devices.get(i),
        new ObserveRequest(ContentFormat.TLV, 3, 0, 9), TIMEOUT_MILLIS,
        response -> done.done(response.isSuccess()), error -> done.done(false)));
  }

  @Override
  public long notifications() {
    return notifications.get();
  }

  private List<Registration> registered(String prefix, int count) {
    List<Registration> registrations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Registration registration = server.getRegistrationService().getByEndpoint(prefix + "-" + i);
      if (registration == null) {
        throw new IllegalStateException(prefix + "-" + i + " is not registered");
      }
      registrations.add(registration);
    }
    return registrations;
  }

  @Override
  public void stopNetwork() {
    http.close();
    server.stop();
  }

  @Override
  public void release() {
    // stop() keeps Californium's executors, whose threads keep the whole server reachable.
    server.destroy();
  }
}
