package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * Finds out why a UDP peer does not answer, where the network says so. A CoAP endpoint's socket is
 * unconnected, and the kernel keeps ICMP errors from unconnected sockets to itself; a connected
 * socket of its own hears them. So the probe sends one CoAP ping (an empty confirmable message,
 * which a CoAP server answers with Reset and a DTLS server drops) from a socket of its own and
 * looks, a moment later, whether the network answered "port unreachable" or had no route.
 * A peer behind a firewall that drops without a word leaves the probe with nothing to say.
 *
 * <p>Probes of one peer at the same time share one socket and one answer: a simulated fleet of
 * 100,000 clients whose server is down would otherwise open a socket each and run out of file
 * descriptors.
 */
public final class UdpProbe {
  /** Version 1, confirmable, no token, code 0.00 (empty), message id 0x4c4d. */
  private static final byte[] COAP_PING = {0x40, 0x00, 0x4c, 0x4d};

  /** The probes not yet answered, by peer. */
  private static final Map<InetSocketAddress, CompletableFuture<Optional<String>>> IN_FLIGHT = new ConcurrentHashMap<>();

  private UdpProbe() {}

  /**
   * Probes {@code peer} and completes after {@code wait} (on {@code scheduler}) with what the
   * network said, in words: "connection refused (nothing listening on HOST:PORT?)", "no route to
   * HOST:PORT", or empty when it said nothing (a peer answered, or the datagram was dropped). A
   * probe of the same peer that is still waiting is shared instead of starting another.
   */
  public static CompletableFuture<Optional<String>> probe(InetSocketAddress peer, Scheduler scheduler, Duration wait) {
    CompletableFuture<Optional<String>> started = new CompletableFuture<>();
    CompletableFuture<Optional<String>> shared = IN_FLIGHT.putIfAbsent(peer, started);
    if (shared != null) {
      return shared.copy(); // a caller that cancels its copy leaves the others' alone
    }
    start(peer, scheduler, wait).whenComplete((said, failure) -> {
      IN_FLIGHT.remove(peer, started);
      if (failure != null) {
        started.completeExceptionally(failure);
      } else {
        started.complete(said);
      }
    });
    return started.copy();
  }

  private static CompletableFuture<Optional<String>> start(InetSocketAddress peer, Scheduler scheduler, Duration wait) {
    String where = peer.getHostString() + ":" + peer.getPort();
    if (peer.isUnresolved()) {
      return CompletableFuture.completedFuture(Optional.of("cannot resolve host " + peer.getHostString()));
    }
    DatagramChannel channel;
    try {
      channel = DatagramChannel.open();
      channel.configureBlocking(false);
      channel.connect(peer);
      channel.write(ByteBuffer.wrap(COAP_PING));
    } catch (IOException e) {
      return CompletableFuture.completedFuture(Optional.of(unreachable(e, where)));
    }
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    scheduler.schedule(wait, () -> {
      try (channel) {
        channel.read(ByteBuffer.allocate(64));
        result.complete(Optional.empty());
      } catch (PortUnreachableException e) {
        result.complete(Optional.of(refused(where)));
      } catch (IOException e) {
        result.complete(Optional.of(unreachable(e, where)));
      }
    });
    return result;
  }

  private static String refused(String where) {
    return "connection refused (nothing listening on " + where + "?)";
  }

  private static String unreachable(IOException e, String where) {
    if (e instanceof PortUnreachableException) {
      return refused(where);
    }
    if (e instanceof NoRouteToHostException || (e.getMessage() != null && e.getMessage().contains("unreachable"))) {
      return "no route to " + where;
    }
    return "cannot reach " + where + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }
}
