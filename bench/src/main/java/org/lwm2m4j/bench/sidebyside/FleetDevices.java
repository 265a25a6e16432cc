package org.lwm2m4j.bench.sidebyside;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.lwm2m4j.bench.sidebyside.RawCoap.Message;
import org.lwm2m4j.bench.sidebyside.RawCoap.Option;
import org.lwm2m4j.transport.fleet.FleetSocket;
import org.lwm2m4j.transport.fleet.FleetSocketSettings;

/**
 * A cheap simulated fleet: {@code count} LwM2M devices, each with its own 127.x.y.z address, all on
 * one {@link FleetSocket}, speaking just enough CoAP by hand ({@link RawCoap}) to register, answer a
 * Read of {@code /3/0} with a fixed TLV Device instance, accept an Observe and send Confirmable
 * notifications. Far cheaper per device than real clients, so the server, not the fleet, is what a
 * run measures. The JVM needs {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}.
 */
final class FleetDevices implements AutoCloseable {
  /** The Register payload with three object links, the small-device case. */
  static final String THREE_LINKS = "</1/0>,</3/0>,</3303/0>";

  private static final byte[] DEVICE = deviceInstance();
  private static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int MAX_RETRANSMISSIONS = 4;

  /**
   * A Confirmable message of the fleet waiting for its ACK and, for a request, its response;
   * {@code expectedCode} 0 (a notification) completes on the empty ACK.
   */
  private static final class Pending {
    final int device;
    final byte[] datagram;
    final InetSocketAddress to;
    final InFlightWindow.Completion done;
    final int expectedCode;
    volatile long sentAt = System.nanoTime();
    volatile boolean acknowledged;
    int attempts;

    Pending(int device, byte[] datagram, InetSocketAddress to, InFlightWindow.Completion done, int expectedCode) {
      this.device = device;
      this.datagram = datagram;
      this.to = to;
      this.done = done;
      this.expectedCode = expectedCode;
    }
  }

  private final FleetSocket socket;
  private final Inet4Address[] addresses;
  private final AtomicIntegerArray nextMessageId;
  private final AtomicIntegerArray observeSequence;
  private final byte[][] observeTokens;
  private final Map<Long, Pending> byMessageId = new ConcurrentHashMap<>();
  private final Map<Long, Pending> byToken = new ConcurrentHashMap<>();
  private final AtomicLong nextToken = new AtomicLong();
  private final AtomicLong readsAnswered = new AtomicLong();
  private final AtomicLong retransmissions = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>("");
  private final Thread receiver;
  private final ScheduledExecutorService retransmitter;

  /** Opens the fleet's socket and starts its receiving thread. */
  FleetDevices(int count) throws IOException {
    this.socket = FleetSocket.open(FleetSocketSettings.defaults().withPort(0));
    this.addresses = new Inet4Address[count];
    for (int i = 0; i < count; i++) {
      addresses[i] = address(i);
    }
    this.nextMessageId = new AtomicIntegerArray(count);
    this.observeSequence = new AtomicIntegerArray(count);
    this.observeTokens = new byte[count][];
    this.receiver = new Thread(this::receive, "fleet-receiver");
    receiver.setDaemon(true);
    receiver.start();
    this.retransmitter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "fleet-retransmitter");
      thread.setDaemon(true);
      return thread;
    });
    retransmitter.scheduleWithFixedDelay(this::retransmit, 500, 500, TimeUnit.MILLISECONDS);
  }

  int size() {
    return addresses.length;
  }

  /** Reads of {@code /3/0} answered so far. */
  long readsAnswered() {
    return readsAnswered.get();
  }

  /** Confirmable messages sent again for want of an ACK. */
  long retransmissions() {
    return retransmissions.get();
  }

  /** Devices the server observes now. */
  int observed() {
    int observed = 0;
    for (byte[] token : observeTokens) {
      observed += token == null ? 0 : 1;
    }
    return observed;
  }

  /** Registers every device as {@code prefix-i} with {@code links}, {@code window} Registers in flight. */
  void register(InetSocketAddress server, String prefix, String links, int window) throws InterruptedException {
    byte[] payload = links.getBytes(StandardCharsets.UTF_8);
    int failed = InFlightWindow.run(addresses.length, window, (i, done) -> {
      long token = nextToken.incrementAndGet();
      int messageId = messageId(i);
      byte[] datagram = RawCoap.encode(RawCoap.CON, RawCoap.POST, messageId, tokenBytes(token), List.of(
          Option.of(RawCoap.URI_PATH, "rd"), Option.of(RawCoap.CONTENT_FORMAT, RawCoap.LINK_FORMAT),
          Option.of(RawCoap.URI_QUERY, "ep=" + prefix + "-" + i), Option.of(RawCoap.URI_QUERY, "lt=86400"),
          Option.of(RawCoap.URI_QUERY, "lwm2m=1.1"), Option.of(RawCoap.URI_QUERY, "b=U")), payload);
      Pending pending = new Pending(i, datagram, server, done, RawCoap.CREATED);
      byToken.put(token, pending);
      byMessageId.put(key(i, messageId), pending);
      send(pending);
    });
    check(failed, addresses.length, "fleet Registers");
  }

  /**
   * Sends {@code count} Confirmable notifications, round robin over the observed devices, with
   * {@code window} unacknowledged at once; each carries the next Observe sequence number and a
   * battery level in TLV.
   */
  void notify(InetSocketAddress server, int count, int window) throws InterruptedException {
    List<Integer> observed = new ArrayList<>();
    for (int i = 0; i < observeTokens.length; i++) {
      if (observeTokens[i] != null) {
        observed.add(i);
      }
    }
    if (observed.isEmpty()) {
      throw new IllegalStateException("the server observes no device of the fleet");
    }
    int failed = InFlightWindow.run(count, window, (n, done) -> {
      int device = observed.get(n % observed.size());
      int messageId = messageId(device);
      byte[] datagram = RawCoap.encode(RawCoap.CON, RawCoap.CONTENT, messageId, observeTokens[device],
          List.of(Option.of(RawCoap.OBSERVE, observeSequence.incrementAndGet(device) & 0xffffff),
              Option.of(RawCoap.CONTENT_FORMAT, RawCoap.TLV)),
          RawCoap.tlvResource(9, new byte[] {(byte) (n % 100)}));
      Pending pending = new Pending(device, datagram, server, done, 0);
      byMessageId.put(key(device, messageId), pending);
      send(pending);
    });
    check(failed, count, "notifications");
  }

  private void receive() {
    try {
      socket.receive((local, remote, datagram) -> {
        int device = device(local);
        if (device < 0 || device >= addresses.length) {
          return;
        }
        Message message;
        try {
          message = RawCoap.parse(datagram);
        } catch (RuntimeException e) {
          return;
        }
        if (message.isRequest()) {
          answer(device, remote, message);
        } else {
          matched(device, remote, message);
        }
      });
    } catch (IOException e) {
      firstFailure.compareAndSet("", "fleet socket failed: " + e.getMessage());
    }
  }

  private void answer(int device, InetSocketAddress server, Message request) {
    int type = request.type() == RawCoap.CON ? RawCoap.ACK : RawCoap.NON;
    int messageId = request.type() == RawCoap.CON ? request.messageId() : messageId(device);
    byte[] answer;
    if (request.code() == RawCoap.GET && request.observe()) {
      observeTokens[device] = request.token();
      answer = RawCoap.encode(type, RawCoap.CONTENT, messageId, request.token(),
          List.of(Option.of(RawCoap.OBSERVE, observeSequence.incrementAndGet(device)), Option.of(RawCoap.CONTENT_FORMAT, RawCoap.TLV)),
          RawCoap.tlvResource(9, new byte[] {100}));
    } else if (request.code() == RawCoap.GET && request.path().equals("/3/0")) {
      answer = RawCoap.encode(type, RawCoap.CONTENT, messageId, request.token(),
          List.of(Option.of(RawCoap.CONTENT_FORMAT, RawCoap.TLV)), DEVICE);
      readsAnswered.incrementAndGet();
    } else {
      answer = RawCoap.encode(type, RawCoap.NOT_FOUND, messageId, request.token(), List.of(), new byte[0]);
    }
    sendQuietly(addresses[device], server, answer);
  }

  private void matched(int device, InetSocketAddress server, Message message) {
    if (message.type() == RawCoap.ACK || message.type() == RawCoap.RST) {
      Pending pending = byMessageId.get(key(device, message.messageId()));
      if (pending == null) {
        return;
      }
      if (message.type() == RawCoap.RST) {
        finish(pending, false, "reset by the server");
      } else if (message.code() == 0) {
        pending.acknowledged = true;
        if (pending.expectedCode == 0) {
          finish(pending, true, "");
        }
      } else {
        finish(pending, message.code() == pending.expectedCode, "answered code " + message.code());
      }
      return;
    }
    // A separate response to a Register: acknowledge it, then complete by token.
    if (message.type() == RawCoap.CON) {
      sendQuietly(addresses[device], server, RawCoap.encode(RawCoap.ACK, 0, message.messageId(), new byte[0], List.of(), new byte[0]));
    }
    Pending pending = byToken.get(tokenValue(message.token()));
    if (pending != null) {
      finish(pending, message.code() == pending.expectedCode, "answered code " + message.code());
    }
  }

  private void finish(Pending pending, boolean ok, String failure) {
    long messageId = key(pending.device, (pending.datagram[2] & 0xff) << 8 | (pending.datagram[3] & 0xff));
    if (byMessageId.remove(messageId) == null) {
      return; // already finished (a duplicate answer)
    }
    int tokenLength = pending.datagram[0] & 0xf;
    if (tokenLength == 8 && pending.expectedCode != 0) {
      byToken.remove(tokenValue(java.util.Arrays.copyOfRange(pending.datagram, 4, 12)));
    }
    if (!ok) {
      firstFailure.compareAndSet("", failure);
    }
    pending.done.done(ok);
  }

  private void retransmit() {
    long now = System.nanoTime();
    for (Pending pending : byMessageId.values()) {
      // An acknowledged request waits for its separate response without end: the run's window times out instead.
      if (pending.acknowledged || now - pending.sentAt < ACK_TIMEOUT_NANOS << pending.attempts) {
        continue;
      }
      if (pending.attempts >= MAX_RETRANSMISSIONS) {
        finish(pending, false, "no ACK after " + MAX_RETRANSMISSIONS + " retransmissions");
        continue;
      }
      pending.attempts++;
      retransmissions.incrementAndGet();
      send(pending);
    }
  }

  private void send(Pending pending) {
    pending.sentAt = System.nanoTime();
    try {
      socket.send(addresses[pending.device], pending.to, pending.datagram);
    } catch (IOException e) {
      firstFailure.compareAndSet("", "send failed: " + e.getMessage());
    }
  }

  private void sendQuietly(Inet4Address from, InetSocketAddress to, byte[] datagram) {
    try {
      socket.send(from, to, datagram);
    } catch (IOException e) {
      firstFailure.compareAndSet("", "send failed: " + e.getMessage());
    }
  }

  private int messageId(int device) {
    return nextMessageId.incrementAndGet(device) & 0xffff;
  }

  private void check(int failed, int count, String what) {
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + count + " " + what + " failed; the first: " + firstFailure.get());
    }
  }

  private static long key(int device, int messageId) {
    return (long) device << 16 | messageId;
  }

  private static byte[] tokenBytes(long token) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[7 - i] = (byte) (token >>> (8 * i));
    }
    return bytes;
  }

  private static long tokenValue(byte[] token) {
    long value = 0;
    for (byte b : token) {
      value = value << 8 | (b & 0xff);
    }
    return value;
  }

  /** Device i's address: 127.(1+)y.z with z in 1..254, never 127.0.0.1 (the server's), never .0 or .255. */
  static Inet4Address address(int i) {
    int z = 1 + i % 254;
    int rest = i / 254;
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {127, (byte) (1 + rest / 256), (byte) (rest % 256), (byte) z});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int device(Inet4Address local) {
    byte[] b = local.getAddress();
    int rest = ((b[1] & 0xff) - 1) * 256 + (b[2] & 0xff);
    return rest * 254 + (b[3] & 0xff) - 1;
  }

  /** The Device instance every device answers: manufacturer, model, serial, firmware, battery, binding. */
  private static byte[] deviceInstance() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(RawCoap.tlvResource(0, "lwm2m4j bench".getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(RawCoap.tlvResource(1, "fleet device".getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(RawCoap.tlvResource(2, "0000-0001".getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(RawCoap.tlvResource(3, "1.0".getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(RawCoap.tlvResource(9, new byte[] {100}));
    out.writeBytes(RawCoap.tlvResource(16, "U".getBytes(StandardCharsets.UTF_8)));
    return out.toByteArray();
  }

  @Override
  public void close() {
    retransmitter.shutdownNow();
    socket.close();
  }
}
