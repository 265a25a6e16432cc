package org.lwm2m4j.transport.memory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test's peer on an {@link InMemoryNetwork}: a bound port that keeps every datagram it receives
 * (decoded when it is CoAP) and sends whole CoAP messages or raw bytes. Thread-safe.
 *
 * <p>Waiting is on arrival (a monitor woken by each datagram), not by polling, because the fuzz
 * targets wait for thousands of answers a second; the bound only ends a hang and measures nothing.
 */
public final class VirtualPeer implements AutoCloseable {
  /** How long the {@code await…} methods wait at most before they fail. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private final DatagramPort port;
  private final Function<CoapMessage, Optional<CoapMessage>> responder;
  private final List<Datagram> received = new ArrayList<>();
  private final List<CoapMessage> messages = new ArrayList<>();

  private VirtualPeer(InMemoryNetwork network, InetSocketAddress address, Function<CoapMessage, Optional<CoapMessage>> responder)
      throws BindException {
    this.responder = responder;
    this.port = network.bind(address, this::receive);
  }

  /** A peer that only listens: it answers nothing unless the test sends. */
  public static VirtualPeer bind(InMemoryNetwork network, InetSocketAddress address) throws BindException {
    return new VirtualPeer(network, address, message -> Optional.empty());
  }

  /**
   * A scripted peer: {@code responder} sees each CoAP message received (on the sender's thread)
   * and the message it returns, if any, goes back to the sender at once.
   */
  public static VirtualPeer bind(InMemoryNetwork network, InetSocketAddress address,
      Function<CoapMessage, Optional<CoapMessage>> responder) throws BindException {
    return new VirtualPeer(network, address, responder);
  }

  private void receive(Datagram datagram) {
    Optional<CoapMessage> message = CoapMessage.decode(datagram.bytes());
    synchronized (this) {
      received.add(datagram);
      message.ifPresent(messages::add);
      notifyAll();
    }
    message.flatMap(responder).ifPresent(answer -> {
      try {
        port.send(datagram.source(), answer.encode());
      } catch (IllegalStateException closedMeanwhile) {
        // the test is done with this peer: like a host gone from the network, it answers nothing
      }
    });
  }

  public InetSocketAddress address() {
    return port.address();
  }

  /** Sends {@code message} to {@code destination}; whether someone was bound there. */
  public boolean send(InetSocketAddress destination, CoapMessage message) {
    return port.send(destination, message.encode());
  }

  public boolean sendRaw(InetSocketAddress destination, byte[] bytes) {
    return port.send(destination, bytes);
  }

  /** Everything received so far, in order. */
  public synchronized List<Datagram> received() {
    return List.copyOf(received);
  }

  /** The CoAP messages received so far, in order (datagrams that are not CoAP left out). */
  public synchronized List<CoapMessage> messages() {
    return List.copyOf(messages);
  }

  /** The first message received that matches, if one came already. */
  public synchronized Optional<CoapMessage> find(Predicate<CoapMessage> wanted) {
    return messages.stream().filter(wanted).findFirst();
  }

  /** The first message received that matches, waiting up to {@code patience} for it to come. */
  public synchronized Optional<CoapMessage> awaitWithin(Duration patience, Predicate<CoapMessage> wanted) {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<CoapMessage> found = find(wanted);
    while (found.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      found = find(wanted);
    }
    return found;
  }

  /** The first message received that matches, waiting up to {@link #PATIENCE}; fails if none comes. */
  public CoapMessage await(Predicate<CoapMessage> wanted) {
    return awaitWithin(PATIENCE, wanted).orElseThrow(() -> new AssertionError(
        address() + " got no matching message within " + PATIENCE.toSeconds() + " s; it got " + messages()));
  }

  /** The answer (ACK or RST) to the message with {@code messageId}, waiting for it. */
  public CoapMessage awaitAnswerTo(int messageId) {
    return await(message -> isAnswerTo(message, messageId));
  }

  public static boolean isAnswerTo(CoapMessage message, int messageId) {
    return (message.type() == CoapMessage.ACK || message.type() == CoapMessage.RST) && message.messageId() == messageId;
  }

  /** Forgets what was received so far. */
  public synchronized void clear() {
    received.clear();
    messages.clear();
  }

  @Override
  public void close() {
    port.close();
  }
}
