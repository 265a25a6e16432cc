package org.lwm2m4j.transport.fleet;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.foreign.ResourceScope;

/**
 * One UDP socket, bound to {@code 0.0.0.0:port}, that carries the datagrams of any number of
 * simulated devices, each with its own 127.x.y.z address and the shared port: {@link #send} sends
 * from a chosen loopback address ({@code sendmsg} with an {@code IP_PKTINFO} source), and {@link
 * #receive} hands each datagram to a {@link FleetReceiver} with the loopback address it was sent to
 * ({@code recvmmsg} reading {@code IP_PKTINFO}). One file descriptor serves 100,000 devices.
 *
 * <p>Linux only, and the JVM needs {@code --add-modules jdk.incubator.foreign
 * --enable-native-access=ALL-UNNAMED}; {@link #open} throws {@link FleetUnavailableException}
 * otherwise. The socket starts no thread: the caller runs {@link #receive} on a thread it owns and
 * may call {@link #send} from any thread. Because the socket is bound to every address, datagrams
 * sent to a non-loopback address are dropped and counted, never delivered.
 */
public final class FleetSocket implements AutoCloseable {

  private static final ThreadLocal<SendFrame> FRAMES = new ThreadLocal<>();

  private final NativeSockets natives;
  private final FleetSocketSettings settings;
  private final int fd;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean receiving = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private FleetSocket(NativeSockets natives, FleetSocketSettings settings, int fd, int port) {
    this.natives = natives;
    this.settings = settings;
    this.fd = fd;
    this.port = port;
  }

  /**
   * Opens a fleet socket.
   *
   * @throws FleetUnavailableException when this system or JVM cannot (see the class comment)
   * @throws IOException when the port is taken or the kernel refuses an option
   */
  public static FleetSocket open(FleetSocketSettings settings) throws IOException {
    NativeSockets natives = FleetSupport.natives();
    int fd = natives.openBound(settings.port(), settings.bufferBytes(), settings.wakeMillis());
    try {
      return new FleetSocket(natives, settings, fd, natives.boundPort(fd));
    } catch (IOException | RuntimeException e) {
      natives.close(fd);
      throw e;
    }
  }

  /** The port every device on this socket sends from and receives at. */
  public int port() {
    return port;
  }

  /**
   * Sends one datagram from {@code from:port()}. Blocks only while the kernel's send buffer is full.
   *
   * @param from a 127.x.y.z address: the simulated device's own
   * @throws IOException when the kernel refuses the datagram (errno in the message)
   */
  public void send(Inet4Address from, InetSocketAddress to, byte[] payload) throws IOException {
    send(from, to, payload, 0, payload.length);
  }

  /** Sends {@code length} bytes of {@code payload} from {@code offset}; see {@link #send(Inet4Address, InetSocketAddress, byte[])}. */
  public void send(Inet4Address from, InetSocketAddress to, byte[] payload, int offset, int length)
      throws IOException {
    int source = hostOrder(from);
    if ((source >>> 24) != 127) {
      throw new IllegalArgumentException("a fleet device sends from 127.0.0.0/8, not " + from);
    }
    if (!(to.getAddress() instanceof Inet4Address destination)) {
      throw new IllegalArgumentException("a fleet socket sends to IPv4 addresses, not " + to);
    }
    if (length > settings.maxDatagramBytes()) {
      throw new IllegalArgumentException("datagram of " + length + " bytes is over maxDatagramBytes "
          + settings.maxDatagramBytes());
    }
    if (closed.get()) {
      throw new IOException("fleet socket on port " + port + " is closed");
    }
    SendFrame frame = frame();
    frame.fill(source, hostOrder(destination), to.getPort(), payload, offset, length);
    long result = natives.sendmsg(fd, frame.header().address());
    if (result < 0) {
      throw natives.failure("sendmsg from " + from.getHostAddress() + ":" + port + " to " + to);
    }
    sent.incrementAndGet();
  }

  private SendFrame frame() {
    SendFrame frame = FRAMES.get();
    if (frame == null || frame.capacity() < settings.maxDatagramBytes()) {
      frame = new SendFrame(settings.maxDatagramBytes());
      FRAMES.set(frame);
    }
    return frame;
  }

  /**
   * Receives datagrams and hands them to {@code receiver} until {@link #close} is called, on the
   * calling thread. Only one thread may receive at a time. An exception the receiver throws ends
   * the loop and comes out of this method.
   *
   * @throws IOException when the kernel reports that the socket itself is unusable; a failure that
   *     may pass (a timed-out or interrupted wait, no memory for a moment) is retried
   */
  public void receive(FleetReceiver receiver) throws IOException {
    if (!receiving.compareAndSet(false, true)) {
      throw new IllegalStateException("another thread already receives on fleet socket port " + port);
    }
    try (ResourceScope scope = ResourceScope.newConfinedScope()) {
      ReceiveBatch batch = new ReceiveBatch(settings.batchSize(), settings.maxDatagramBytes(), scope);
      while (!closed.get()) {
        int count = natives.recvmmsg(fd, batch.prepare().address(), batch.slots());
        if (count < 0) {
          int errno = natives.errno();
          if (NativeSockets.isPermanent(errno) && !closed.get()) {
            throw new IOException("recvmmsg on fleet socket port " + port + " failed: errno " + errno);
          }
          continue;
        }
        deliver(batch, count, receiver);
      }
    } finally {
      receiving.set(false);
      if (closed.get()) {
        release();
      }
    }
  }

  private void deliver(ReceiveBatch batch, int count, FleetReceiver receiver) {
    for (int i = 0; i < count; i++) {
      int destination = batch.destination(i);
      if (batch.truncated(i) || (destination >>> 24) != 127) {
        dropped.incrementAndGet();
        continue;
      }
      received.incrementAndGet();
      receiver.received(inet4(destination),
          new InetSocketAddress(inet4(batch.sourceAddress(i)), batch.sourcePort(i)), batch.payload(i));
    }
  }

  /** Datagrams sent so far. */
  public long sentCount() {
    return sent.get();
  }

  /** Datagrams handed to a receiver so far. */
  public long receivedCount() {
    return received.get();
  }

  /** Datagrams dropped so far: longer than {@code maxDatagramBytes}, or not sent to 127.0.0.0/8. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Stops {@link #receive} (it returns soon after) and frees the socket. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    natives.shutdown(fd);
    if (!receiving.get()) {
      release();
    }
  }

  private void release() {
    if (released.compareAndSet(false, true)) {
      natives.close(fd);
    }
  }

  static int hostOrder(Inet4Address address) {
    byte[] b = address.getAddress();
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  static Inet4Address inet4(int hostOrder) {
    byte[] b = {(byte) (hostOrder >>> 24), (byte) (hostOrder >>> 16), (byte) (hostOrder >>> 8),
        (byte) hostOrder};
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
