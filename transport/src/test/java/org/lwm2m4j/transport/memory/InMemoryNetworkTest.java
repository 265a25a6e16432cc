package org.lwm2m4j.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 40001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 40002);

  private final InMemoryNetwork network = new InMemoryNetwork();

  @Test
  void aDatagramReachesTheReceiverBoundAtItsDestinationBeforeSendReturns() throws Exception {
    List<Datagram> got = new ArrayList<>();
    try (DatagramPort a = network.bind(A, datagram -> { }); DatagramPort b = network.bind(B, got::add)) {
      assertThat(a.send(B, new byte[] {1, 2, 3})).isTrue();
      assertThat(got).containsExactly(new Datagram(A, B, new byte[] {1, 2, 3}));
    }
  }

  @Test
  void aDatagramToAnAddressNobodyBoundIsDroppedAndCounted() throws Exception {
    try (DatagramPort a = network.bind(A, datagram -> { })) {
      assertThat(a.send(B, new byte[] {1})).isFalse();
      assertThat(network.dropped()).isEqualTo(1);
    }
  }

  @Test
  void anyPeerAddressCanBeInjectedWithoutBindingIt() throws Exception {
    List<Datagram> got = new ArrayList<>();
    try (DatagramPort b = network.bind(B, got::add)) {
      InetSocketAddress anyone = new InetSocketAddress("127.0.0.9", 7);
      assertThat(network.send(new Datagram(anyone, B, new byte[] {9}))).isTrue();
      assertThat(got).singleElement().extracting(Datagram::source).isEqualTo(anyone);
    }
  }

  @Test
  void theWildcardAddressReceivesForEveryAddressWithItsPortAndSendsFromLoopback() throws Exception {
    List<Datagram> got = new ArrayList<>();
    try (DatagramPort wildcard = network.bind(new InetSocketAddress("0.0.0.0", 5683), got::add);
         DatagramPort a = network.bind(A, got::add)) {
      a.send(new InetSocketAddress("127.0.0.1", 5683), new byte[] {1});
      wildcard.send(A, new byte[] {2});
      assertThat(got).extracting(Datagram::destination, Datagram::source).containsExactly(
          org.assertj.core.groups.Tuple.tuple(new InetSocketAddress("127.0.0.1", 5683), A),
          org.assertj.core.groups.Tuple.tuple(A, new InetSocketAddress("127.0.0.1", 5683)));
    }
  }

  @Test
  void portZeroPicksAFreePortFromTheDynamicRange() throws Exception {
    try (DatagramPort first = network.bind(new InetSocketAddress("127.0.0.1", 0), datagram -> { });
         DatagramPort second = network.bind(new InetSocketAddress("127.0.0.1", 0), datagram -> { })) {
      assertThat(first.address().getPort()).isGreaterThanOrEqualTo(InMemoryNetwork.FIRST_EPHEMERAL_PORT);
      assertThat(second.address().getPort()).isNotEqualTo(first.address().getPort());
    }
  }

  @Test
  void anAddressIsBoundOnceUntilItsPortIsClosed() throws Exception {
    DatagramPort first = network.bind(A, datagram -> { });
    assertThatThrownBy(() -> network.bind(A, datagram -> { })).isInstanceOf(BindException.class).hasMessageContaining("40001");
    first.close();
    assertThat(network.isBound(A)).isFalse();
    try (DatagramPort again = network.bind(A, datagram -> { })) {
      assertThat(again.isOpen()).isTrue();
    }
    assertThatThrownBy(() -> first.send(B, new byte[0])).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aDatagramKeepsItsOwnCopyOfTheBytes() {
    byte[] bytes = {1, 2};
    Datagram datagram = new Datagram(A, B, bytes);
    bytes[0] = 9;
    datagram.bytes()[1] = 9;
    assertThat(datagram.bytes()).containsExactly(1, 2);
  }

  @Test
  void aDatagramNeedsPortsOnBothEnds() {
    assertThatThrownBy(() -> new Datagram(new InetSocketAddress("127.0.0.1", 0), B, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
  }
}
