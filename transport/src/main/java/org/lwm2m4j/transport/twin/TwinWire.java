package org.lwm2m4j.transport.twin;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's message-level endpoints with real bytes under them: every datagram an endpoint sends
 * is encoded to RFC 7252 bytes and handed to a {@link Link} (in practice the fleet's one socket),
 * and the bytes the link's owner receives come back in through {@link #deliver}. The state
 * machines are those of {@link TwinNetwork}'s endpoints (retransmission, deduplication, piggybacked
 * responses, observe, ping, Reset), which cost a few hundred bytes per idle endpoint and no thread,
 * so that one process can hold 100,000 of them. Unlike on the twin network nothing is logged per
 * datagram, and there are no loss, delay or cut switches: the network is the real one.
 *
 * <p>Public only so that {@code org.lwm2m4j.transport.fleet.FleetNetwork} can build on it; use that.
 * Not carried: block-wise transfer (a body travels whole in one datagram of at most {@code
 * maxDatagramBytes}; a longer one fails its exchange), DTLS, and separate responses (a peer that
 * answers a request with an empty ACK and the response later is not understood, as on the twin).
 */
public final class TwinWire {
  private static final Logger LOG = LoggerFactory.getLogger(TwinWire.class);

  /** Where a {@link TwinWire}'s datagrams go: a socket that can send from any endpoint's address. */
  @FunctionalInterface
  public interface Link {
    /**
     * Sends {@code datagram} from {@code from} to {@code to}.
     *
     * @throws IOException when it cannot be sent
     */
    void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) throws IOException;
  }

  private final Scheduler scheduler;
  private final CoapSettings settings;
  private final int maxDatagramBytes;
  private final Link link;
  private final boolean handOff;
  private final WireCodec codec = new WireCodec();
  private final Map<InetSocketAddress, TwinEndpoint> endpoints = new ConcurrentHashMap<>();
  private final TwinCarrier carrier = new Carrier();

  /**
   * Endpoints that retransmit with {@code settings}, run their timers on {@code scheduler} and send
   * datagrams of at most {@code maxDatagramBytes} through {@code link}. With {@code handOff}, each
   * received message is taken in on the scheduler (so handlers never run on the receiving thread);
   * without, on the thread that calls {@link #deliver}.
   */
  public TwinWire(Scheduler scheduler, CoapSettings settings, int maxDatagramBytes, Link link, boolean handOff) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.link = Objects.requireNonNull(link, "link");
    if (maxDatagramBytes < 1) {
      throw new IllegalArgumentException("maxDatagramBytes must be positive, not " + maxDatagramBytes);
    }
    this.maxDatagramBytes = maxDatagramBytes;
    this.handOff = handOff;
  }

  /**
   * Binds exactly {@code address} (the caller has picked the port) for an endpoint that serves
   * inbound requests through {@code handler}.
   *
   * @throws BindException if an endpoint is bound there already
   */
  public CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws BindException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    TwinEndpoint endpoint = new TwinEndpoint(carrier, address, address, handler, Optional.empty(),
        ThreadLocalRandom.current().nextInt(0x10000));
    if (endpoints.putIfAbsent(address, endpoint) != null) {
      throw new BindException(address + " is bound already");
    }
    return endpoint;
  }

  /**
   * Takes in one datagram the link's owner received: {@code bytes} from {@code from}, sent to
   * {@code to}. A malformed confirmable message is answered as Californium answers it (4.02 for a
   * request with a bad option, else Reset).
   *
   * @return whether an endpoint took it; false when nobody is bound at {@code to} or it was malformed
   */
  public boolean deliver(byte[] bytes, InetSocketAddress from, InetSocketAddress to) {
    TwinEndpoint endpoint = endpoints.get(to);
    if (endpoint == null) {
      return false;
    }
    WireCodec.Decoded decoded = codec.decode(bytes, from, to);
    if (decoded instanceof WireCodec.Parsed parsed) {
      // whatever goes wrong above the wire must not end the receiving loop every endpoint depends on
      try {
        if (handOff) {
          scheduler.execute(() -> endpoint.receive(parsed.datagram()));
        } else {
          endpoint.receive(parsed.datagram());
        }
        return true;
      } catch (RejectedExecutionException e) {
        LOG.debug("dropped a message to {}: the scheduler is closed", to);
        return false;
      } catch (RuntimeException e) {
        LOG.warn("taking in a message from {} to {} failed", from, to, e);
        return true;
      }
    }
    if (decoded instanceof WireCodec.Rejected rejected) {
      LOG.debug("rejected a malformed message from {} to {}: {}", from, to, rejected.reason());
      transmit(rejected.answer());
    } else if (decoded instanceof WireCodec.Ignored ignored) {
      LOG.debug("ignored a malformed message from {} to {}: {}", from, to, ignored.reason());
    }
    return false;
  }

  /** Whether an endpoint is bound at {@code address}. */
  public boolean isBound(InetSocketAddress address) {
    return endpoints.containsKey(address);
  }

  /** How many endpoints are bound. */
  public int size() {
    return endpoints.size();
  }

  /** Closes every bound endpoint: what waits for an answer fails with an {@link IOException}. */
  public void closeAll() {
    for (TwinEndpoint endpoint : List.copyOf(endpoints.values())) {
      endpoint.close();
    }
  }

  private TwinExchange.Fate transmit(TwinDatagram datagram) {
    byte[] bytes;
    try {
      bytes = codec.encode(datagram);
    } catch (IllegalArgumentException e) {
      LOG.warn("cannot encode a CoAP message from {} to {}: {}", datagram.from(), datagram.to(), e.getMessage());
      return TwinExchange.Fate.REFUSED;
    }
    if (bytes.length > maxDatagramBytes) {
      LOG.warn("a CoAP message of {} bytes from {} to {} is longer than the {} bytes this transport carries "
          + "(no block-wise transfer here)", bytes.length, datagram.from(), datagram.to(), maxDatagramBytes);
      return TwinExchange.Fate.REFUSED;
    }
    try {
      link.send(datagram.from(), datagram.to(), bytes);
      return TwinExchange.Fate.DELIVERED;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("cannot send a CoAP message from {} to {}: {}", datagram.from(), datagram.to(), e.getMessage());
      return TwinExchange.Fate.REFUSED;
    }
  }

  /** Hands the endpoints' calls to this wire. */
  private final class Carrier implements TwinCarrier {
    @Override
    public TwinExchange.Fate transmit(TwinDatagram datagram) {
      return TwinWire.this.transmit(datagram);
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public CoapSettings settings() {
      return settings;
    }

    @Override
    public byte[] randomBytes(int n) {
      byte[] bytes = new byte[n];
      ThreadLocalRandom.current().nextBytes(bytes);
      return bytes;
    }

    @Override
    public Duration initialTimeout() {
      return TwinNetwork.initialTimeout(settings, ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public void unbind(TwinEndpoint endpoint) {
      endpoints.remove(endpoint.address(), endpoint);
    }

    @Override
    public boolean isInMemory() {
      return false;
    }
  }
}
