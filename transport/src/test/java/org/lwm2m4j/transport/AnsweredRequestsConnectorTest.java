package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector answering retransmitted requests from remembered answers, on a recording socket
 * and a hand-driven clock: what it remembers, what it answers, what it lets through to Californium.
 */
class AnsweredRequestsConnectorTest {
  private static final long LIFETIME_MILLIS = 247_000;
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.7", 5683);
  private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("127.0.0.8", 5683);

  private final AtomicLong nanos = new AtomicLong();
  private final RecordingSocket socket = new RecordingSocket();
  private final BoundedDeduplicator deduplicator = new BoundedDeduplicator(64, 1000, LIFETIME_MILLIS, 10_000, true, nanos::get);
  private final AnsweredRequestsConnector connector = new AnsweredRequestsConnector(socket, deduplicator, 3, LIFETIME_MILLIS, nanos::get);
  private final List<RawData> passedOn = new CopyOnWriteArrayList<>();

  @BeforeEach
  void receive() {
    connector.setRawDataReceiver(passedOn::add);
  }

  /** A CoAP header (version 1, no token) and one more byte. */
  private static byte[] message(int type, int code, int mid) {
    return new byte[] {(byte) (0x40 | type << 4), (byte) code, (byte) (mid >> 8), (byte) mid, (byte) 0xFF};
  }

  private static byte[] confirmablePost(int mid) {
    return message(0, 0x02, mid);
  }

  private static byte[] piggybackedCreated(int mid) {
    return message(2, 0x41, mid);
  }

  private void arrive(byte[] bytes, InetSocketAddress from) {
    socket.receiver.receiveData(RawData.inbound(bytes, new AddressEndpointContext(from), false, 0, socket.getAddress()));
  }

  private void answer(byte[] bytes, InetSocketAddress to) {
    connector.send(RawData.outbound(bytes, new AddressEndpointContext(to), null, false));
  }

  @Test
  void aRetransmittedRequestIsAnsweredWithTheFirstAnswersBytesAndNotPassedOn() {
    arrive(confirmablePost(7), PEER);
    answer(piggybackedCreated(7), PEER);

    arrive(confirmablePost(7), PEER);

    assertThat(passedOn).hasSize(1);
    assertThat(socket.sent).hasSize(2);
    assertThat(socket.sent.get(1).getBytes()).isEqualTo(piggybackedCreated(7));
    assertThat(socket.sent.get(1).getInetSocketAddress()).isEqualTo(PEER);
    assertThat(connector.answeredAgain()).isEqualTo(1);
  }

  @Test
  void theDeduplicatorLetsGoOfTheExchangeOnceItsAnswerIsRemembered() {
    KeyMID key = new KeyMID(7, PEER);
    deduplicator.findPrevious(key, new Exchange(new Request(CoAP.Code.POST), PEER, Exchange.Origin.REMOTE, null));

    answer(piggybackedCreated(7), PEER);

    assertThat(deduplicator.find(key)).isNull();
    assertThat(connector.size()).isEqualTo(1);
  }

  @Test
  void theSameMessageIdFromAnotherPeerIsANewRequest() {
    answer(piggybackedCreated(7), PEER);

    arrive(confirmablePost(7), OTHER_PEER);

    assertThat(passedOn).hasSize(1);
    assertThat(connector.answeredAgain()).isZero();
  }

  @Test
  void onlyPiggybackedAnswersAreRemembered() {
    answer(message(2, 0, 1), PEER); // empty ACK: a separate response follows, Californium keeps the exchange
    answer(message(0, 0x45, 2), PEER); // a CON response or notification
    answer(message(1, 0x45, 3), PEER); // NON
    answer(message(3, 0, 4), PEER); // Reset

    assertThat(connector.size()).isZero();
    for (int mid = 1; mid <= 4; mid++) {
      arrive(confirmablePost(mid), PEER);
    }
    assertThat(passedOn).hasSize(4);
  }

  @Test
  void onlyConfirmableRequestsAreAnsweredAgain() {
    answer(piggybackedCreated(9), PEER);

    arrive(message(1, 0x02, 9), PEER); // NON request
    arrive(message(2, 0x45, 9), PEER); // a piggybacked response with that id
    arrive(message(0, 0x00, 9), PEER); // CON ping
    arrive(new byte[] {0x40, 0x02}, PEER); // too short to be a message

    assertThat(passedOn).hasSize(4);
    assertThat(connector.answeredAgain()).isZero();
  }

  @Test
  void anAnswerOlderThanTheLifetimeIsForgotten() {
    answer(piggybackedCreated(7), PEER);
    nanos.addAndGet(LIFETIME_MILLIS * 1_000_000L + 1);

    arrive(confirmablePost(7), PEER);
    answer(piggybackedCreated(8), PEER);

    assertThat(passedOn).hasSize(1);
    assertThat(connector.size()).as("the expired answer dropped when the next one came").isEqualTo(1);
  }

  @Test
  void pastTheCapacityTheOldestAnswerIsForgotten() {
    for (int mid = 1; mid <= 4; mid++) {
      answer(piggybackedCreated(mid), PEER);
    }

    arrive(confirmablePost(1), PEER);
    arrive(confirmablePost(4), PEER);

    assertThat(connector.size()).isEqualTo(3);
    assertThat(passedOn).hasSize(1);
    assertThat(connector.answeredAgain()).isEqualTo(1);
  }

  @Test
  void ipv6PeersAreRememberedToo() {
    InetSocketAddress v6 = new InetSocketAddress("::1", 5683);
    answer(piggybackedCreated(7), v6);

    arrive(confirmablePost(7), v6);

    assertThat(passedOn).isEmpty();
    assertThat(connector.answeredAgain()).isEqualTo(1);
  }

  /** A socket that records what is sent and hands what "arrives" to the receiver it was given. */
  private static final class RecordingSocket implements Connector {
    final List<RawData> sent = new CopyOnWriteArrayList<>();
    RawDataChannel receiver;

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void destroy() {
    }

    @Override
    public void send(RawData msg) {
      sent.add(msg);
    }

    @Override
    public void setRawDataReceiver(RawDataChannel messageHandler) {
      receiver = messageHandler;
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
    }

    @Override
    public InetSocketAddress getAddress() {
      return new InetSocketAddress("127.0.0.1", 5683);
    }

    @Override
    public String getProtocol() {
      return "UDP";
    }

    @Override
    public boolean isRunning() {
      return true;
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
    }
  }
}
