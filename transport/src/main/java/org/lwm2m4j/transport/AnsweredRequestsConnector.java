package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/**
 * A UDP connector that answers a retransmitted request from the bytes of its first answer, before
 * Californium parses it (RFC 7252 §4.5): it remembers each piggybacked response it sends (an ACK
 * carrying a response code) by peer and message ID for EXCHANGE_LIFETIME, and tells the {@link
 * BoundedDeduplicator} to forget that exchange at once.
 *
 * <p>Why: the deduplicator must return a whole Californium exchange (the exchange, its request
 * and response, endpoint contexts, a serial executor with its queue and locks: about 2.5 KB) and
 * kept one per request for seconds, so every Register of a burst outlived a young collection and
 * was copied, then died in the old generation; with a million devices that copying made the GC
 * pauses. An answer here is its serialized bytes, about 150 B with its key, and the exchange dies
 * young. Requests answered otherwise (an empty ACK then a separate response, NON) and every
 * message that is not a request stay with the deduplicator, as before.
 *
 * <p>At most {@code capacity} answers are kept; past it the oldest is forgotten (a retransmission
 * of it is handled again, as with the deduplicator's cap). Expired answers are dropped as new
 * ones arrive, so no timer is needed. Thread-safe: the receiving and sending threads share a lock
 * held for a few map operations.
 */
final class AnsweredRequestsConnector implements Connector {
  private static final int CON = 0;
  private static final int ACK = 2;

  /** An answer's bytes and when it was sent. */
  private record Answer(byte[] bytes, long nanos) { }

  /** A peer that is not IPv4 (IPv4 peers are keyed by a long: address, port and message ID in 64 bits). */
  private record OtherPeer(InetAddress address, int port, int mid) { }

  private final Connector delegate;
  private final BoundedDeduplicator deduplicator;
  private final int capacity;
  private final long lifetimeNanos;
  private final LongSupplier nanoClock;
  /** In the order sent: the first entry is the oldest. */
  private final LinkedHashMap<Object, Answer> answers = new LinkedHashMap<>();
  private long answeredAgain;

  /**
   * @param capacity how many answers are kept at most
   * @param lifetimeMillis how long an answer is kept (EXCHANGE_LIFETIME)
   */
  AnsweredRequestsConnector(Connector delegate, BoundedDeduplicator deduplicator, int capacity, long lifetimeMillis,
      LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.delegate = delegate;
    this.deduplicator = deduplicator;
    this.capacity = capacity;
    this.lifetimeNanos = lifetimeMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  @Override
  public void setRawDataReceiver(RawDataChannel receiver) {
    delegate.setRawDataReceiver(raw -> {
      if (!answerAgain(raw)) {
        receiver.receiveData(raw);
      }
    });
  }

  @Override
  public void send(RawData message) {
    remember(message);
    delegate.send(message);
  }

  /** Sends the remembered answer when {@code raw} is a Confirmable request answered already; false to let it through. */
  private boolean answerAgain(RawData raw) {
    byte[] bytes = raw.getBytes();
    if (bytes.length < 4 || type(bytes) != CON || !isRequest(bytes[1])) {
      return false;
    }
    Object key = key(raw.getInetSocketAddress(), mid(bytes));
    Answer answer;
    synchronized (this) {
      answer = answers.get(key);
      if (answer == null || nanoClock.getAsLong() - answer.nanos() > lifetimeNanos) {
        return false;
      }
      answeredAgain++;
    }
    delegate.send(RawData.outbound(answer.bytes(), raw.getEndpointContext(), null, false));
    return true;
  }

  private void remember(RawData message) {
    byte[] bytes = message.getBytes();
    InetSocketAddress peer = message.getInetSocketAddress();
    if (bytes.length < 4 || type(bytes) != ACK || bytes[1] == 0 || peer == null) {
      return;
    }
    int mid = mid(bytes);
    long now = nanoClock.getAsLong();
    synchronized (this) {
      dropExpired(now);
      if (answers.size() >= capacity) {
        Iterator<Object> oldest = answers.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      answers.put(key(peer, mid), new Answer(bytes, now));
    }
    // only once the answer is here: a retransmission arriving in between still finds the exchange
    deduplicator.forget(new KeyMID(mid, peer));
  }

  private void dropExpired(long now) {
    for (Iterator<Answer> it = answers.values().iterator(); it.hasNext(); ) {
      if (now - it.next().nanos() <= lifetimeNanos) {
        return;
      }
      it.remove();
    }
  }

  /** How many answers are remembered now. */
  synchronized int size() {
    return answers.size();
  }

  /** How many retransmitted requests were answered from a remembered answer. */
  synchronized long answeredAgain() {
    return answeredAgain;
  }

  private static Object key(InetSocketAddress peer, int mid) {
    InetAddress address = peer.getAddress();
    if (address instanceof Inet4Address) {
      byte[] a = address.getAddress();
      long ip = ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
      return (ip << 32) | ((long) peer.getPort() << 16) | mid;
    }
    return new OtherPeer(address, peer.getPort(), mid);
  }

  private static int type(byte[] bytes) {
    return (bytes[0] >> 4) & 0x3;
  }

  /** Codes 0.01–0.31: a request (0.00 is an empty message, classes 2–5 are responses). */
  private static boolean isRequest(byte code) {
    return code != 0 && (code & 0xE0) == 0;
  }

  private static int mid(byte[] bytes) {
    return ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
  }

  // ---- the rest is the delegate's ----------------------------------------------------------------

  @Override
  public void start() throws IOException {
    delegate.start();
  }

  @Override
  public void stop() {
    delegate.stop();
    synchronized (this) {
      answers.clear();
    }
  }

  @Override
  public void destroy() {
    delegate.destroy();
    synchronized (this) {
      answers.clear();
    }
  }

  @Override
  public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
    delegate.setEndpointContextMatcher(matcher);
  }

  @Override
  public InetSocketAddress getAddress() {
    return delegate.getAddress();
  }

  @Override
  public String getProtocol() {
    return delegate.getProtocol();
  }

  @Override
  public boolean isRunning() {
    return delegate.isRunning();
  }

  @Override
  public void processDatagram(DatagramPacket datagram) {
    delegate.processDatagram(datagram);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
