package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.junit.jupiter.api.Test;

class BoundedDeduplicatorTest {
  private static final long LIFETIME_MILLIS = 247_000;

  private final AtomicLong nanos = new AtomicLong();
  private final BoundedDeduplicator remembered = new BoundedDeduplicator(3, 5, LIFETIME_MILLIS, 10_000, true, nanos::get);

  private static InetSocketAddress peer(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static Exchange exchange(Exchange.Origin origin) {
    return new Exchange(new Request(CoAP.Code.GET), "peer", origin, null);
  }

  private static KeyMID key(int mid, int port) {
    return new KeyMID(mid, peer(port));
  }

  @Test
  void aRetransmissionFindsTheFirstExchange() {
    Exchange first = exchange(Exchange.Origin.REMOTE);
    assertThat(remembered.findPrevious(key(1, 5000), first)).isNull();
    assertThat(remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.REMOTE))).isSameAs(first);
    assertThat(remembered.find(key(1, 5000))).isSameAs(first);
    assertThat(remembered.size()).isEqualTo(1);
  }

  @Test
  void theSameMessageIdFromAnotherPeerIsAnotherMessage() {
    remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.REMOTE));
    assertThat(remembered.findPrevious(key(1, 5001), exchange(Exchange.Origin.REMOTE))).isNull();
    assertThat(remembered.size()).isEqualTo(2);
  }

  @Test
  void aPeerPastItsCapForgetsItsOwnOldestMessage() {
    for (int mid = 1; mid <= 3; mid++) {
      remembered.findPrevious(key(mid, 5000), exchange(Exchange.Origin.REMOTE));
    }
    remembered.findPrevious(key(9, 5001), exchange(Exchange.Origin.REMOTE));
    remembered.findPrevious(key(4, 5000), exchange(Exchange.Origin.REMOTE));
    assertThat(remembered.find(key(1, 5000))).isNull();
    assertThat(remembered.find(key(2, 5000))).isNotNull();
    assertThat(remembered.find(key(9, 5001))).isNotNull();
    assertThat(remembered.size()).isEqualTo(4);
    assertThat(remembered.forgottenEarly()).isEqualTo(1);
  }

  @Test
  void manyPeersPastTheTotalCapForgetTheOldestMessage() {
    for (int port = 5000; port < 5100; port++) {
      remembered.findPrevious(key(1, port), exchange(Exchange.Origin.REMOTE));
      assertThat(remembered.size()).isLessThanOrEqualTo(5);
    }
    assertThat(remembered.find(key(1, 5094))).isNull();
    assertThat(remembered.find(key(1, 5095))).isNotNull();
    assertThat(remembered.find(key(1, 5099))).isNotNull();
    assertThat(remembered.forgottenEarly()).isEqualTo(95);
  }

  @Test
  void messagesOlderThanTheLifetimeAreSweptAndNewerOnesKept() {
    remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.REMOTE));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(200));
    remembered.findPrevious(key(2, 5000), exchange(Exchange.Origin.REMOTE));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(50));
    remembered.sweep();
    assertThat(remembered.find(key(1, 5000))).isNull();
    assertThat(remembered.find(key(2, 5000))).isNotNull();
    assertThat(remembered.forgottenEarly()).isZero();
  }

  @Test
  void aMessageOfTheOtherOriginReplacesTheRememberedOne() {
    remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.LOCAL));
    Exchange remote = exchange(Exchange.Origin.REMOTE);
    assertThat(remembered.findPrevious(key(1, 5000), remote)).isNull();
    assertThat(remembered.find(key(1, 5000))).isSameAs(remote);
  }

  @Test
  void replacingNeedsTheExchangeStillRemembered() {
    Exchange first = exchange(Exchange.Origin.REMOTE);
    Exchange second = exchange(Exchange.Origin.REMOTE);
    remembered.findPrevious(key(1, 5000), first);
    assertThat(remembered.replacePrevious(key(1, 5000), first, second)).isTrue();
    assertThat(remembered.replacePrevious(key(1, 5000), first, exchange(Exchange.Origin.REMOTE))).isFalse();
    assertThat(remembered.find(key(1, 5000))).isSameAs(second);
    assertThat(remembered.size()).isEqualTo(1);
  }

  @Test
  void clearingForgetsEverything() {
    remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.REMOTE));
    remembered.clear();
    assertThat(remembered.isEmpty()).isTrue();
    assertThat(remembered.findPrevious(key(1, 5000), exchange(Exchange.Origin.REMOTE))).isNull();
  }

  /**
   * Californium's KeyMID hashes as {@code 31 * mid + peer.hashCode()}, and neighbouring addresses
   * (a fleet on consecutive addresses, devices behind one NAT on consecutive ports) have
   * neighbouring hashes: 10,160 peers with 20 messages each shared about 10,700 hash values, so
   * every lookup walked a long bin. The deduplicator's own key must spread them.
   */
  @Test
  void messagesOfNeighbouringPeersSpreadOverDistinctHashes() throws Exception {
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    java.util.Set<Integer> californiumHashes = new java.util.HashSet<>();
    int keys = 0;
    for (int device = 0; device < 10_160; device++) {
      InetSocketAddress peer = new InetSocketAddress(
          java.net.InetAddress.getByAddress(new byte[] {127, 1, (byte) (device / 254), (byte) (1 + device % 254)}), 5683);
      for (int mid = 1; mid <= 20; mid++) {
        KeyMID key = new KeyMID(mid, peer);
        hashes.add(BoundedDeduplicator.hash(key));
        californiumHashes.add(key.hashCode());
        keys++;
      }
    }
    assertThat(californiumHashes.size()).isLessThan(keys / 10);
    assertThat(hashes.size()).isGreaterThan(keys * 99 / 100);
  }
}
