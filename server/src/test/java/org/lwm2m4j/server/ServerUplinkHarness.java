package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.fuzz.ErrorLogRecorder;
import org.lwm2m4j.transport.fuzz.FuzzFrame;
import org.lwm2m4j.transport.fuzz.FuzzScript;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

/**
 * One {@link LwM2mServer} on an in-memory network, fed fuzz inputs as whole CoAP datagrams from
 * virtual devices, with the oracles checked after each input. An input is a {@link FuzzScript} of
 * at most {@value #MAX_FRAMES} frames; each frame's control byte says:
 * <ul>
 *   <li>bits 0–1: which of the input's four devices sends it (each input has fresh addresses, so
 *       inputs do not see each other's registrations);
 *   <li>bit 2: sent by the <em>observed device</em> instead, a device registered once per JVM whose
 *       {@code /3/0/9} the server observes, with the observation's token in place of the frame's:
 *       a response frame is then a notification;
 *   <li>bit 3: aimed at the sender's registration: Uri-Path {@code rd/<id>} is put before the
 *       frame's own options (so they count their deltas from 11), with the id of the last 2.01
 *       the sender got — how Register-then-Update and De-register are reached;
 *   <li>bit 4: keep the frame's Message ID; otherwise the harness stamps a fresh one, so no frame
 *       is taken for a duplicate and every confirmable one can be held to an answer.
 * </ul>
 * Oracles: every confirmable message with a stamped Message ID is answered (ACK or RST, RFC 7252
 * §4.2), and so is every non-confirmable request Californium hands to the server (a response with
 * its token: an unanswered one would be a future that never completes); nothing logs an ERROR; no answer is 5.00 (an unexpected exception); the server holds at
 * most one registration per frame of the input from the input's devices, and at most the one
 * observation. Not thread-safe: one input at a time.
 */
final class ServerUplinkHarness implements AutoCloseable {
  static final int MAX_FRAMES = 8;
  static final int MAX_FRAME_LENGTH = 1400;
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  static final String OBSERVED_ENDPOINT = "observed";
  static final LwM2mPath OBSERVED_PATH = LwM2mPath.parse("/3/0/9");
  private static final int PEERS = 4;

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final LwM2mServer server;
  private final ErrorLogRecorder errors;
  private int inputs;
  private int observedGeneration;
  private VirtualPeer observed;
  private int observedMessageId;
  private byte[] observationToken;

  /**
   * What one frame became (bytes that are no CoAP message show as the payload of an empty one) and
   * what came back to its sender in answer.
   */
  record Exchange(InetSocketAddress from, CoapMessage sent, Optional<CoapMessage> answer) {}

  ServerUplinkHarness() throws IOException {
    errors = ErrorLogRecorder.attach();
    // The default CoAP settings: what faces the network is what gets fuzzed.
    server = LwM2mServer.builder().network(network).coapAddress(SERVER).requestTimeout(Duration.ofSeconds(10)).start();
  }

  /** Runs one input and checks the oracles, failing with an {@link AssertionError} that says which. */
  List<Exchange> run(byte[] input) {
    List<FuzzFrame> frames = FuzzScript.read(input, MAX_FRAMES, MAX_FRAME_LENGTH);
    prepare();
    List<Exchange> exchanges = new ArrayList<>();
    List<VirtualPeer> devices = new ArrayList<>();
    try {
      InetAddress host = hostFor(++inputs);
      for (int i = 0; i < PEERS; i++) {
        devices.add(VirtualPeer.bind(network, new InetSocketAddress(host, 40001 + i)));
      }
      Map<VirtualPeer, String> locations = new HashMap<>();
      Map<VirtualPeer, Integer> messageIds = new HashMap<>();
      observedRegistration().ifPresent(registration -> locations.put(observed, registration.id()));
      for (FuzzFrame frame : frames) {
        exchanges.add(send(frame, devices, locations, messageIds));
      }
      checkState(frames.size(), host);
      List<VirtualPeer> everyone = new ArrayList<>(devices);
      everyone.add(observed);
      for (VirtualPeer peer : everyone) {
        for (CoapMessage message : peer.messages()) {
          if (message.code() == CoapMessage.code(5, 0)) {
            throw new AssertionError("the server answered 5.00 (an unexpected exception): " + message + " "
                + message.payloadText() + "\n" + exchanges);
          }
        }
      }
      List<String> logged = errors.errors();
      if (!logged.isEmpty()) {
        throw new AssertionError("ERROR logged: " + logged + "\n" + exchanges);
      }
      return exchanges;
    } catch (java.net.BindException e) {
      throw new IllegalStateException(e);
    } finally {
      devices.forEach(VirtualPeer::close);
      errors.clear();
    }
  }

  private Exchange send(FuzzFrame frame, List<VirtualPeer> devices, Map<VirtualPeer, String> locations,
      Map<VirtualPeer, Integer> messageIds) {
    boolean asObserved = frame.flag(2);
    VirtualPeer from = asObserved ? observed : devices.get(frame.control() & 3);
    FuzzFrame edited = frame;
    if (asObserved) {
      edited = edited.withToken(observationToken);
    }
    if (frame.flag(3) && locations.containsKey(from)) {
      edited = edited.underPath(List.of("rd", locations.get(from)));
    }
    boolean stamped = !frame.flag(4);
    if (stamped) {
      int messageId = asObserved ? ++observedMessageId : messageIds.merge(from, 1, Integer::sum);
      edited = edited.withMessageId(messageId);
    }
    byte[] bytes = edited.bytes();
    from.sendRaw(SERVER, bytes);
    Optional<CoapMessage> sent = CoapMessage.decode(bytes);
    Optional<CoapMessage> answer = Optional.empty();
    if (stamped && edited.isConfirmable()) {
      int messageId = edited.messageId();
      answer = Optional.of(from.await(message -> VirtualPeer.isAnswerTo(message, messageId)));
    } else if (stamped && edited.isRequestWantingAnswer() && sent.isPresent()) {
      byte[] token = sent.get().token();
      answer = Optional.of(from.await(message -> message.isResponse() && java.util.Arrays.equals(message.token(), token)));
    }
    answer.filter(message -> message.code() == CoapMessage.CREATED && message.locationPath().size() == 2)
        .ifPresent(created -> locations.put(from, created.locationPath().get(1)));
    return new Exchange(from.address(), sent.orElse(CoapMessage.of(0, 0, 0).withPayload(bytes)), answer);
  }

  private void checkState(int frames, InetAddress host) {
    // counted by this input's host: a request of the last input whose answer the harness did not
    // wait for (a kept Message ID, a NON without token) may still register after prepare() ran
    int[] registrations = {0};
    server.registrations().store().forEach(registration -> {
      if (registration.address().getAddress().equals(host)) {
        registrations[0]++;
      }
    });
    if (registrations[0] > frames) {
      throw new AssertionError(registrations[0] + " registrations from this input's devices after " + frames + " frames");
    }
    int observations = server.observations().store().size();
    if (observations > 1) {
      throw new AssertionError(observations + " observations, but only the harness observes");
    }
  }

  /** 127.1.0.0 and up: a fresh loopback host per input, never one a real socket of this JVM uses. */
  private static InetAddress hostFor(int input) {
    int n = (1 << 16) + (input % ((1 << 24) - (1 << 16)));
    try {
      return InetAddress.getByAddress(new byte[] {127, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes what the last input registered and makes sure the observed device is there and observed. */
  private void prepare() {
    List<String> leftovers = new ArrayList<>();
    server.registrations().store().forEach(registration -> {
      if (!registration.endpoint().equals(OBSERVED_ENDPOINT) || !registration.address().equals(observedAddress())) {
        leftovers.add(registration.id());
      }
    });
    for (String id : leftovers) {
      try {
        server.registrations().deregister(id);
      } catch (NotFoundException gone) {
        // expired meanwhile
      }
    }
    boolean observing = observationToken != null
        && server.observations().store().byToken(Token.of(observationToken)).isPresent()
        && observedRegistration().isPresent();
    if (!observing || observedMessageId > 60_000) {
      observeAgain();
    }
    observed.clear();
  }

  private InetSocketAddress observedAddress() {
    return new InetSocketAddress("127.0.0.1", 30000 + observedGeneration);
  }

  private Optional<Registration> observedRegistration() {
    return server.registrations().store().byEndpoint(OBSERVED_ENDPOINT).filter(r -> r.address().equals(observedAddress()));
  }

  /** A new observed device (new address, so no Message ID of the old one can count as a duplicate), registered and observed. */
  private void observeAgain() {
    if (observed != null) {
      observed.close();
      observedRegistration().ifPresent(registration -> server.registrations().deregister(registration.id()));
    }
    List<Token> tokens = new ArrayList<>();
    server.observations().store().forEach(observation -> tokens.add(observation.token()));
    tokens.forEach(token -> server.observations().store().remove(token));
    observedGeneration++;
    observedMessageId = 0;
    try {
      observed = VirtualPeer.bind(network, observedAddress());
    } catch (java.net.BindException e) {
      throw new IllegalStateException(e);
    }
    CoapMessage register = CoapMessage.of(CoapMessage.CON, CoapMessage.POST, ++observedMessageId).withToken(new byte[] {1})
        .withPath("rd").withQuery("ep=" + OBSERVED_ENDPOINT + "&lt=86400&lwm2m=1.1&b=U").with(CoapMessage.CONTENT_FORMAT, 40)
        .withPayload("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>");
    observed.send(SERVER, register);
    CoapMessage created = observed.awaitAnswerTo(register.messageId());
    if (created.code() != CoapMessage.CREATED) {
      throw new IllegalStateException("the observed device could not register: " + created);
    }
    Registration registration = observedRegistration().orElseThrow();
    CompletableFuture<ObserveResult> observation = server.observations().observe(registration, OBSERVED_PATH, List.of(),
        RequestOptions.DEFAULTS.withFormat(ContentFormat.TEXT));
    CoapMessage request = observed.await(CoapMessage::isRequest);
    observed.send(SERVER, CoapMessage.of(CoapMessage.ACK, CoapMessage.CONTENT, request.messageId()).withToken(request.token())
        .with(CoapMessage.OBSERVE, 1).with(CoapMessage.CONTENT_FORMAT, 0).withPayload("80"));
    observation.join();
    observationToken = request.token();
  }

  /** The registration the observed device holds, for tests of the harness. */
  Optional<Registration> observedDevice() {
    return observedRegistration();
  }

  LwM2mServer server() {
    return server;
  }

  @Override
  public void close() {
    if (observed != null) {
      observed.close();
    }
    server.close();
    errors.detach();
  }
}
