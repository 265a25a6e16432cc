package org.lwm2m4j.bench.sidebyside;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The load generator both servers get: Confirmable Registers for distinct endpoints and Updates of
 * them, with a window in flight, from a few Californium client endpoints on 127.0.0.1. Device
 * {@code i} always uses peer {@code i % peers}, so its Update comes from the address it registered
 * from; several peers because one pair of endpoints has 65,536 Message IDs per exchange lifetime.
 */
final class RegisterGenerator implements AutoCloseable {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  /**
   * The Register payload: root link and 11 object/instance links, like the registration load runs'
   * fleet, but with the version on the object link (Leshan rejects {@code ver} on an instance link,
   * as the specification allows it only on objects).
   */
  static final String OBJECT_LINKS = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542\",</1/0>,</3/0>,</4/0>,</5/0>,"
      + "</6/0>,</7/0>,</3303>;ver=1.1,</3303/0>,</3303/1>,</3304/0>,</3311/0>,</3342/0>";

  /** Message IDs one peer may use within an exchange lifetime, with room to spare. */
  private static final int MESSAGES_PER_PEER = 50_000;

  private final List<CoapEndpoint> peers = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong retransmissions = new java.util.concurrent.atomic.AtomicLong();
  /** The first unexpected answer, so a failed run says what went wrong. */
  private final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("");

  /** A generator with enough peers for {@code messages} requests to one server. */
  RegisterGenerator(int messages) {
    int count = peersFor(messages);
    for (int i = 0; i < count; i++) {
      CoapEndpoint peer = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
          .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
      try {
        peer.start();
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot open a generator socket on 127.0.0.1: " + e.getMessage(), e);
      }
      peers.add(peer);
    }
  }

  /** Confirmable requests sent again so far because no ACK came within the ACK timeout (2 s or more each). */
  long retransmissions() {
    return retransmissions.get();
  }

  /** How many peers {@code messages} requests need: at least 4, so the server sees several source ports. */
  static int peersFor(int messages) {
    return Math.max(4, (messages + MESSAGES_PER_PEER - 1) / MESSAGES_PER_PEER);
  }

  /** Registers endpoints {@code prefix-0 … prefix-(count-1)} with {@link #OBJECT_LINKS}; returns each one's registration location path. */
  String[] register(int port, String prefix, int count, int window) throws InterruptedException {
    return register(port, prefix, count, window, OBJECT_LINKS);
  }

  /** Registers endpoints {@code prefix-0 … prefix-(count-1)} with {@code links}; returns each one's registration location path. */
  String[] register(int port, String prefix, int count, int window, String links) throws InterruptedException {
    String[] locations = new String[count];
    int failed = InFlightWindow.run(count, window, (i, done) -> {
      Request register = Request.newPost();
      register.setURI("coap://127.0.0.1:" + port + "/rd?ep=" + prefix + "-" + i + "&lt=86400&lwm2m=1.1&b=U");
      register.getOptions().setContentFormat(40);
      register.setPayload(links);
      send(i, register, CoAP.ResponseCode.CREATED, response -> locations[i] = response.getOptions().getLocationPathString(), done);
    });
    check(failed, count, "Registers");
    return locations;
  }

  /**
   * Sends an Update without parameters for each location, from the peer that registered it;
   * returns how many were answered 4.04. Those are not failures of the run: a Register this
   * generator retransmitted (no ACK in time) after the server had forgotten it — ours remembers
   * only a peer's last 64 messages, and each generator socket has dozens in flight, unlike a real
   * device — is handled again and replaces the registration whose location the generator kept.
   * Any other failure throws.
   */
  int update(int port, String[] locations, int window) throws InterruptedException {
    java.util.concurrent.atomic.AtomicInteger notFound = new java.util.concurrent.atomic.AtomicInteger();
    int failed = InFlightWindow.run(locations.length, window, (i, done) -> {
      Request update = Request.newPost();
      update.setURI("coap://127.0.0.1:" + port + "/" + locations[i]);
      send(i, update, CoAP.ResponseCode.CHANGED, response -> { }, ok -> {
        if (!ok && update.getResponse() != null && update.getResponse().getCode() == CoAP.ResponseCode.NOT_FOUND) {
          notFound.incrementAndGet();
          ok = true;
        }
        done.done(ok);
      });
    });
    check(failed, locations.length, "Updates");
    return notFound.get();
  }

  private void send(int device, Request request, CoAP.ResponseCode expected, java.util.function.Consumer<Response> onSuccess,
      InFlightWindow.Completion done) {
    request.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onRetransmission() {
        retransmissions.incrementAndGet();
      }

      @Override
      public void onResponse(Response response) {
        boolean ok = response.getCode() == expected;
        if (ok) {
          onSuccess.accept(response);
        } else {
          if (response.getCode() != CoAP.ResponseCode.NOT_FOUND) { // a 4.04 to an Update is counted apart (see update)
            firstFailure.compareAndSet("", "answered " + response.getCode() + " " + response.getPayloadString());
          }
        }
        done.done(ok);
      }

      @Override
      protected void failed() { // timeout, reject, send error
        firstFailure.compareAndSet("", "no answer (timeout, reset or send error)");
        done.done(false);
      }
    });
    peers.get(device % peers.size()).sendRequest(request);
  }

  private void check(int failed, int count, String what) {
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + count + " " + what + " failed; the first: " + firstFailure.get());
    }
  }

  @Override
  public void close() {
    peers.forEach(CoapEndpoint::destroy);
  }
}
