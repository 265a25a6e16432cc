package org.lwm2m4j.transport.memory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test's peer on an {@link InMemoryNetwork}: a bound port that keeps every datagram it receives
 * (decoded when it is CoAP) and sends whole CoAP messages or raw bytes. Thread-safe.
 */
public final class VirtualPeer implements AutoCloseable {
  /** How long {@link #await} waits at most: generous, it bounds a hang and measures nothing. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private final DatagramPort port;
  private final List<Datagram> received = new CopyOnWriteArrayList<>();

  private VirtualPeer(InMemoryNetwork network, InetSocketAddress address) throws BindException {
    this.port = network.bind(address, received::add);
  }

  public static VirtualPeer bind(InMemoryNetwork network, InetSocketAddress address) throws BindException {
    return new VirtualPeer(network, address);
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
  public List<Datagram> received() {
    return List.copyOf(received);
  }

  /** The CoAP messages received so far, in order (datagrams that are not CoAP left out). */
  public List<CoapMessage> messages() {
    return received.stream().map(datagram -> CoapMessage.decode(datagram.bytes())).flatMap(Optional::stream).toList();
  }

  /** The first message received that matches, waiting for it up to {@link #PATIENCE}. */
  public CoapMessage await(Predicate<CoapMessage> wanted) {
    return org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> messages().stream().filter(wanted).findFirst(), Optional::isPresent).get();
  }

  /** The first message received that matches, if one came already. */
  public Optional<CoapMessage> find(Predicate<CoapMessage> wanted) {
    return messages().stream().filter(wanted).findFirst();
  }

  /** The answer (ACK or RST) to the message with {@code messageId}, waiting for it. */
  public CoapMessage awaitAnswerTo(int messageId) {
    return await(message -> isAnswerTo(message, messageId));
  }

  public static boolean isAnswerTo(CoapMessage message, int messageId) {
    return (message.type() == CoapMessage.ACK || message.type() == CoapMessage.RST) && message.messageId() == messageId;
  }

  /** Forgets what was received so far. */
  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    port.close();
  }
}
