package org.lwm2m4j.transport.sms;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.twin.TwinWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP over SMS (the LwM2M {@code S} binding) through an SMSC, reached over SMPP 3.4 as an ESME
 * bound as transceiver. Each CoAP message is the 8-bit user data of one SMS, or of a concatenated
 * SMS when longer than 140 bytes; peers are MSISDNs written as {@link SmsAddress}es, so servers and
 * clients use the endpoints this factory makes like any other {@link CoapEndpoint}:
 * <pre>{@code
 * SmsNetwork sms = SmsNetwork.open(SmppSettings.of("smsc", 2775, "lwm2m", "pw", "33600000001"),
 *     scheduler, SmsNetwork.COAP_SETTINGS);
 * CoapEndpoint endpoint = sms.bind(SmsAddress.of("33600000001"), handler);
 * endpoint.send(CoapRequest.to(SmsAddress.of("33612345678"), GET, List.of("3", "0")), Duration.ofMinutes(3));
 * }</pre>
 *
 * <p>The CoAP message layer is the twin's ({@link TwinWire}): retransmission with the given settings
 * ({@link #COAP_SETTINGS} suits SMS), deduplication, piggybacked responses, observe. No block-wise
 * transfer (a message travels whole, up to 255 SMS) and no DTLS: SMS security mode NoSec only.
 *
 * <p>{@link #open} does not wait for the SMSC, nor fail when it is away: it binds in the background
 * and again after every drop, with backoff, and sends wait in a bounded queue meanwhile. SMS the
 * network cannot use (not CoAP, for a number it does not serve, parts of a concatenation that never
 * completes) are dropped, counted in {@link #counters()} and logged at WARN once per cause and
 * sender. Thread-safe. jSMPP runs its own reader threads; inbound messages are handed to the
 * scheduler, so handlers never run on them. Close it to unbind.
 */
public final class SmsNetwork implements CoapEndpointFactory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmsNetwork.class);

  /** CoAP message-layer settings for SMS: ACK timeout 30 s, 2 retransmissions. */
  public static final CoapSettings COAP_SETTINGS = new CoapSettings(Duration.ofSeconds(30), 2);

  /** Open concatenations one sender may have, and all senders together. */
  static final int CONCATENATIONS_PER_SENDER = 8;
  static final int CONCATENATIONS_TOTAL = 256;

  private final SmppSettings settings;
  private final Scheduler scheduler;
  private final TwinWire wire;
  private final SmscLink link;
  private final SubmitWindow window;
  private final Reassembly reassembly;
  private final DropLog dropLog = new DropLog();
  private final AtomicInteger references = new AtomicInteger();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder receipts = new LongAdder();
  private final Map<SmsDrop, LongAdder> dropped = new EnumMap<>(SmsDrop.class);
  private final Scheduler.Task sweep;

  private SmsNetwork(SmppSettings settings, Scheduler scheduler, CoapSettings coap) {
    this.settings = settings;
    this.scheduler = scheduler;
    for (SmsDrop cause : SmsDrop.values()) {
      dropped.put(cause, new LongAdder());
    }
    this.reassembly = new Reassembly(settings.concatenationTimeout(), CONCATENATIONS_PER_SENDER, CONCATENATIONS_TOTAL);
    this.link = new SmscLink(settings, scheduler, new Receiver(), this::bound);
    this.window = new SubmitWindow(settings, scheduler, link::bound, new Outcomes());
    this.wire = new TwinWire(scheduler, coap, Concatenation.MAX_MESSAGE, this::transmit, true);
    Duration shortest = settings.concatenationTimeout().compareTo(settings.queueTimeout()) < 0
        ? settings.concatenationTimeout() : settings.queueTimeout();
    Duration period = clamp(shortest.dividedBy(4), Duration.ofMillis(100), Duration.ofSeconds(5));
    this.sweep = scheduler.repeat(period, period, this::sweep);
  }

  /**
   * A network that binds to the SMSC of {@code settings} as soon as it can, runs its timers on {@code
   * scheduler} and retransmits CoAP messages with {@code coap} (usually {@link #COAP_SETTINGS}).
   * Returns at once: the bind happens in the background, again after every drop.
   */
  public static SmsNetwork open(SmppSettings settings, Scheduler scheduler, CoapSettings coap) {
    SmsNetwork network = new SmsNetwork(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(coap, "coap"));
    network.link.start();
    return network;
  }

  /**
   * The endpoint for this network's own number: {@code address} must be {@code
   * SmsAddress.of(settings.ownNumber())}, the number the ESME binds with.
   *
   * @throws IOException ({@link BindException}) if {@code address} is another number, not an SMS address,
   *     or bound already
   */
  @Override
  public CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws IOException {
    Objects.requireNonNull(address, "address");
    String number = SmsAddress.msisdn(address).orElseThrow(() -> new BindException(address
        + " is not an SMS address: bind SmsAddress.of(\"" + settings.ownNumber() + "\")"));
    if (!number.equals(settings.ownNumber())) {
      throw new BindException("this SMS network serves sms:" + settings.ownNumber() + ", not sms:" + number
          + ": open another with that number");
    }
    return wire.bind(address, handler);
  }

  /** What this network has done since it opened. */
  public SmsCounters counters() {
    Map<SmsDrop, Long> drops = new EnumMap<>(SmsDrop.class);
    dropped.forEach((cause, count) -> drops.put(cause, count.sum()));
    return new SmsCounters(sent.sum(), received.sum(), drops, receipts.sum(), link.bound().isPresent());
  }

  /** Whether the SMPP session to the SMSC is bound right now. */
  public boolean isBound() {
    return link.bound().isPresent();
  }

  /** The settings this network was opened with. */
  public SmppSettings settings() {
    return settings;
  }

  /** Closes every endpoint (what waits for an answer fails), unbinds and stops binding again. */
  @Override
  public void close() {
    sweep.cancel();
    wire.closeAll();
    link.close();
  }

  private void transmit(InetSocketAddress from, InetSocketAddress to, byte[] datagram) throws IOException {
    String source = SmsAddress.msisdn(from).orElseThrow(() -> new IOException(from + " is not an SMS address"));
    String destination = SmsAddress.msisdn(to).orElseThrow(() -> new IOException(
        "an SMS endpoint reaches only SMS addresses, not " + to));
    Duration down = link.down();
    if (down.compareTo(settings.queueTimeout()) > 0) {
      count(SmsDrop.QUEUE_FULL, destination, "the SMSC has been away for " + down.toMillis() + " ms");
      throw new IOException("no SMPP session to the SMSC at " + settings.host() + ":" + settings.port() + " for "
          + down.toMillis() + " ms");
    }
    long now = scheduler.nanoTime();
    List<SubmitWindow.Outgoing> parts = new ArrayList<>();
    for (SmsPart part : Concatenation.split(datagram, references.getAndIncrement())) {
      parts.add(new SubmitWindow.Outgoing(source, destination, part, now));
    }
    try {
      window.offer(parts);
    } catch (IOException e) {
      count(SmsDrop.QUEUE_FULL, destination, e.getMessage());
      throw e;
    }
  }

  /** Takes in the user data of one SMS (a part, maybe) from {@code source} to {@code destination}. */
  private void receive(String source, String destination, byte[] userData, boolean udhi) {
    received.increment();
    InetSocketAddress to = SmsAddress.of(destination);
    if (!wire.isBound(to)) {
      count(SmsDrop.UNKNOWN_NUMBER, source, "it is for sms:" + destination + ", which this network does not serve");
      return;
    }
    Reassembly.Outcome outcome = reassembly.accept(source, userData, udhi, scheduler.nanoTime());
    if (outcome instanceof Reassembly.Dropped drop) {
      count(drop.cause(), source, drop.detail());
    } else if (outcome instanceof Reassembly.Whole whole
        && !wire.deliver(whole.message(), SmsAddress.of(source), to)) {
      count(SmsDrop.NOT_COAP, source, "its " + whole.message().length + " bytes are not a CoAP message");
    }
  }

  private void sweep() {
    long now = scheduler.nanoTime();
    for (String sender : reassembly.expire(now)) {
      count(SmsDrop.TRUNCATED_CONCATENATION, sender, "its missing parts did not come within "
          + settings.concatenationTimeout().toMillis() + " ms");
    }
    window.expire(now);
  }

  private void bound() {
    window.pump();
  }

  private void count(SmsDrop cause, String peer, String detail) {
    dropped.get(cause).increment();
    dropLog.dropped(cause, peer, detail);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }

  /** What the submit window reports. */
  private final class Outcomes implements SubmitWindow.Outcomes {
    @Override
    public void submitted(SubmitWindow.Outgoing sms, String messageId) {
      sent.increment();
    }

    @Override
    public void dropped(SubmitWindow.Outgoing sms, SmsDrop cause, String detail) {
      count(cause, sms.destination(), detail);
    }
  }

  /** jSMPP's calls for inbound SMS, on its reader threads: quick work, then the scheduler takes over. */
  private final class Receiver implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
        receipt(deliverSm);
        return;
      }
      String source;
      String destination;
      try {
        source = SmsAddress.normalize(String.valueOf(deliverSm.getSourceAddr()));
        destination = SmsAddress.normalize(String.valueOf(deliverSm.getDestAddress()));
      } catch (IllegalArgumentException e) {
        received.increment();
        count(SmsDrop.UNKNOWN_NUMBER, String.valueOf(deliverSm.getSourceAddr()), e.getMessage());
        return;
      }
      byte[] userData = deliverSm.getShortMessage();
      if (userData == null || userData.length == 0) {
        OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        userData = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
      }
      receive(source, destination, userData, deliverSm.isUdhi());
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
      LOG.debug("ignored an alert_notification from the SMSC");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      // SMPP 3.4 0x00000003: invalid command ID; this ESME takes SMS as deliver_sm only
      throw new ProcessRequestException("data_sm is not supported; send deliver_sm", 0x00000003);
    }

    private void receipt(DeliverSm deliverSm) {
      receipts.increment();
      if (LOG.isDebugEnabled()) {
        try {
          LOG.debug("delivery receipt from sms:{}: {}", deliverSm.getSourceAddr(),
              deliverSm.getShortMessageAsDeliveryReceipt());
        } catch (InvalidDeliveryReceiptException e) {
          LOG.debug("unreadable delivery receipt from sms:{}: {}", deliverSm.getSourceAddr(),
              new String(deliverSm.getShortMessage(), StandardCharsets.ISO_8859_1));
        }
      }
    }
  }
}
