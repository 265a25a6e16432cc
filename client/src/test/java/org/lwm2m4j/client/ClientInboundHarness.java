package org.lwm2m4j.client;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.fuzz.ErrorLogRecorder;
import org.lwm2m4j.transport.fuzz.FuzzFrame;
import org.lwm2m4j.transport.fuzz.FuzzScript;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

/**
 * One {@link LwM2mClient} on an in-memory network, registered with a tiny scripted server, fed
 * fuzz inputs as whole CoAP datagrams, with the oracles checked after each input. An input is a
 * {@link FuzzScript} of at most {@value #MAX_FRAMES} frames; each frame's control byte says:
 * <ul>
 *   <li>bits 0–1: who sends it: 0 or 1 the LwM2M Server the client is registered with (Device
 *       Management, Observe, Write-Attributes…), 2 its Bootstrap-Server (Bootstrap-Write, -Delete,
 *       -Discover, -Finish…), 3 a stranger (a fresh address per input);
 *   <li>bit 2: take the Message ID of the last message the client sent to that sender (to reset or
 *       acknowledge a notification) instead of a fresh one;
 *   <li>bit 4: keep the frame's own Message ID.
 * </ul>
 * Otherwise the harness stamps a fresh Message ID, so that no frame is taken for a duplicate. The
 * scripted servers answer what the client sends them (Register 2.01, Update 2.04, De-register
 * 2.02, Send 2.04, Bootstrap-Request 2.04, notifications with an ACK).
 *
 * <p>Oracles: every confirmable message with a stamped Message ID is answered (ACK or RST), and
 * every non-confirmable request Californium hands to the client gets a response; nothing logs an
 * ERROR; no answer is 5.00; a stranger never gets a success; the client holds at most one
 * observation per frame. An input that changed the client (any success but a plain read) makes the
 * harness start a fresh client before the next input, so inputs stay independent.
 * Not thread-safe: one input at a time.
 */
final class ClientInboundHarness implements AutoCloseable {
  static final int MAX_FRAMES = 8;
  static final int MAX_FRAME_LENGTH = 1400;
  static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  static final InetSocketAddress BOOTSTRAP_SERVER = new InetSocketAddress("127.0.0.1", 5783);

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final ErrorLogRecorder errors;
  private final VirtualPeer server;
  private final VirtualPeer bootstrapServer;
  private final AtomicInteger registrations = new AtomicInteger();
  private LwM2mClient client;
  private boolean dirty = true;
  private int inputs;
  private final Map<VirtualPeer, Integer> messageIds = new HashMap<>();

  /**
   * What one frame became (bytes that are no CoAP message show as the payload of an empty one) and
   * what came back to its sender in answer.
   */
  record Exchange(InetSocketAddress from, CoapMessage sent, Optional<CoapMessage> answer) {}

  ClientInboundHarness() throws IOException {
    errors = ErrorLogRecorder.attach();
    server = VirtualPeer.bind(network, SERVER, this::serverAnswer);
    bootstrapServer = VirtualPeer.bind(network, BOOTSTRAP_SERVER, ClientInboundHarness::bootstrapServerAnswer);
  }

  /** The scripted LwM2M Server: registers the client under a fresh location each time, accepts the rest. */
  private Optional<CoapMessage> serverAnswer(CoapMessage message) {
    if (message.type() != CoapMessage.CON) {
      return Optional.empty();
    }
    CoapMessage ack = CoapMessage.of(CoapMessage.ACK, 0, message.messageId()).withToken(message.token());
    if (!message.isRequest()) {
      return Optional.of(CoapMessage.of(CoapMessage.ACK, 0, message.messageId())); // a confirmable notification
    }
    List<String> path = message.options(CoapMessage.URI_PATH).stream().map(CoapMessage.Option::text).toList();
    if (message.code() == CoapMessage.POST && path.equals(List.of("rd"))) {
      return Optional.of(CoapMessage.of(CoapMessage.ACK, CoapMessage.CREATED, message.messageId()).withToken(message.token())
          .with(CoapMessage.LOCATION_PATH, "rd").with(CoapMessage.LOCATION_PATH, "c" + registrations.incrementAndGet()));
    }
    int code = message.code() == CoapMessage.DELETE ? CoapMessage.DELETED
        : message.code() == CoapMessage.POST ? CoapMessage.CHANGED : CoapMessage.code(4, 4);
    return Optional.of(new CoapMessage(CoapMessage.ACK, code, message.messageId(), message.token(), List.of(), new byte[0]));
  }

  /** The scripted Bootstrap-Server: accepts a Bootstrap-Request, acknowledges the rest. */
  private static Optional<CoapMessage> bootstrapServerAnswer(CoapMessage message) {
    if (message.type() != CoapMessage.CON) {
      return Optional.empty();
    }
    int code = message.isRequest() ? CoapMessage.CHANGED : 0;
    return Optional.of(new CoapMessage(CoapMessage.ACK, code, message.messageId(),
        message.isRequest() ? message.token() : new byte[0], List.of(), new byte[0]));
  }

  /** Runs one input and checks the oracles, failing with an {@link AssertionError} that says which. */
  List<Exchange> run(byte[] input) {
    List<FuzzFrame> frames = FuzzScript.read(input, MAX_FRAMES, MAX_FRAME_LENGTH);
    if (dirty) {
      restart();
    }
    server.clear();
    bootstrapServer.clear();
    errors.clear();
    List<Exchange> exchanges = new ArrayList<>();
    VirtualPeer stranger;
    try {
      stranger = VirtualPeer.bind(network, new InetSocketAddress(strangerHost(++inputs), 40001));
    } catch (BindException e) {
      throw new IllegalStateException(e);
    }
    try {
      for (FuzzFrame frame : frames) {
        VirtualPeer from = switch (frame.control() & 3) {
          case 2 -> bootstrapServer;
          case 3 -> stranger;
          default -> server;
        };
        Exchange exchange = send(frame, from);
        exchanges.add(exchange);
        check(exchange, from == stranger, exchanges);
      }
      if (client.observations().size() > frames.size()) {
        throw new AssertionError(client.observations().size() + " observations after " + frames.size() + " frames\n" + exchanges);
      }
      List<String> logged = errors.errors();
      if (!logged.isEmpty()) {
        throw new AssertionError("ERROR logged: " + logged + "\n" + exchanges);
      }
      return exchanges;
    } finally {
      stranger.close();
      messageIds.remove(stranger);
      dirty |= !client.registrations().registrations().containsKey(1) || messageIds.getOrDefault(server, 0) > 60_000;
    }
  }

  private Exchange send(FuzzFrame frame, VirtualPeer from) {
    FuzzFrame edited = frame;
    boolean stamped = !frame.flag(4) && !frame.flag(2);
    if (frame.flag(2)) {
      Optional<CoapMessage> last = lastFromClient(from);
      if (last.isPresent()) {
        edited = edited.withMessageId(last.get().messageId());
      }
    } else if (stamped) {
      edited = edited.withMessageId(messageIds.merge(from, 1, Integer::sum));
    }
    byte[] bytes = edited.bytes();
    from.sendRaw(CLIENT, bytes);
    Optional<CoapMessage> sent = CoapMessage.decode(bytes);
    Optional<CoapMessage> answer = Optional.empty();
    if (stamped && edited.isConfirmable()) {
      int messageId = edited.messageId();
      answer = Optional.of(from.await(message -> VirtualPeer.isAnswerTo(message, messageId)));
    } else if (stamped && edited.isRequestWantingAnswer() && sent.isPresent()) {
      byte[] token = sent.get().token();
      answer = Optional.of(from.await(message -> message.isResponse() && Arrays.equals(message.token(), token)));
    }
    return new Exchange(from.address(), sent.orElse(CoapMessage.of(0, 0, 0).withPayload(bytes)), answer);
  }

  private void check(Exchange exchange, boolean fromStranger, List<Exchange> exchanges) {
    if (exchange.answer().isEmpty()) {
      dirty |= exchange.sent().isRequest(); // unknown effect: start afresh
      return;
    }
    CoapMessage answer = exchange.answer().get();
    int codeClass = answer.code() >> 5;
    if (answer.code() == CoapMessage.code(5, 0)) {
      throw new AssertionError("the client answered 5.00 (an unexpected exception): " + answer + " " + answer.payloadText()
          + "\n" + exchanges);
    }
    if (fromStranger && codeClass == 2) {
      throw new AssertionError("a stranger got a success: " + answer + "\n" + exchanges);
    }
    boolean plainRead = answer.code() == CoapMessage.CONTENT && answer.option(CoapMessage.OBSERVE).isEmpty();
    dirty |= codeClass == 2 && !plainRead;
  }

  private Optional<CoapMessage> lastFromClient(VirtualPeer peer) {
    List<CoapMessage> messages = peer.messages();
    return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
  }

  /** A fresh client, registered with the scripted server. */
  private void restart() {
    if (client != null) {
      client.halt();
    }
    messageIds.clear();
    CompletableFuture<Void> registered = new CompletableFuture<>();
    try {
      client = LwM2mClient.builder("fuzz-client").network(network).localAddress(CLIENT)
          .server(URI.create("coap://127.0.0.1:5683"), 1, 86400)
          .bootstrapServer(URI.create("coap://127.0.0.1:5783"), new ClientCredentials.NoSec())
          .object(3303, List.of(new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5)),
              SingleResource.of(5701, Value.of("Cel")), SingleResource.of(5750, Value.of("kitchen"))))))
          .registrationListener(new RegistrationListener() {
            @Override
            public void registered(int shortServerId, String location) {
              registered.complete(null);
            }
          })
          .start();
      registered.get(VirtualPeer.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the client did not start and register: " + e, e);
    }
    dirty = false;
  }

  /** 127.2.0.0 and up: a fresh loopback host per input for the stranger. */
  private static InetAddress strangerHost(int input) {
    int n = (2 << 16) + (input % ((1 << 24) - (2 << 16)));
    try {
      return InetAddress.getByAddress(new byte[] {127, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  LwM2mClient client() {
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      client.halt();
    }
    server.close();
    bootstrapServer.close();
    errors.detach();
  }
}
