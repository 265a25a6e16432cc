package org.lwm2m4j.transport.sms;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link SmsNetwork} reaches its SMSC over SMPP 3.4 as an ESME: where the SMSC is, the
 * credentials it binds with (as transceiver, with {@code address_range} = {@code ownNumber}), how it
 * keeps the link alive and comes back after a drop, and the limits on what it keeps for senders.
 * Values are checked here, at the boundary, with messages that name the setting to change.
 *
 * <p>Immutable. Start from {@link #of} and change one thing with the {@code with…} copies:
 * <pre>{@code
 * SmppSettings smpp = SmppSettings.of("smsc.example.net", 2775, "lwm2m", "secret", "33600000001")
 *     .withEnquireLink(Duration.ofSeconds(15));
 * }</pre>
 *
 * @param host the SMSC's host name or address
 * @param port the SMSC's SMPP port (1–65535)
 * @param systemId the ESME's {@code system_id} (1–15 characters, SMPP 3.4 §5.2.1)
 * @param password its {@code password} (0–8 characters, SMPP 3.4 §5.2.2)
 * @param systemType its {@code system_type} (0–12 characters; empty for none)
 * @param ownNumber the MSISDN this ESME serves (digits, a leading {@code +} is dropped)
 * @param enquireLink how often the link is probed with {@code enquire_link} when idle
 * @param rebindFirst the wait before the first attempt to bind again after a drop or a failed bind
 * @param rebindMax the longest wait between attempts (the wait doubles up to it)
 * @param window how many {@code submit_sm} may await their {@code submit_sm_resp} at once
 * @param queue how many more SMS may wait for the window, or for the link to come back
 * @param queueTimeout how long an SMS may wait unsent before it is dropped, and how long the link may
 *     be down before new sends fail at once
 * @param concatenationTimeout how long a partly received concatenated SMS is kept for its missing parts
 * @param deliveryReceipts whether each {@code submit_sm} asks the SMSC for a delivery receipt
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
    String ownNumber, Duration enquireLink, Duration rebindFirst, Duration rebindMax, int window, int queue,
    Duration queueTimeout, Duration concatenationTimeout, boolean deliveryReceipts) {

  /** The default window of {@code submit_sm} awaiting their response. */
  public static final int DEFAULT_WINDOW = 10;
  /** The default number of SMS that may wait for the window. */
  public static final int DEFAULT_QUEUE = 1000;

  public SmppSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the SMSC host is empty: give its name or address, e.g. --smpp smsc.example.net:2775");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the SMSC port must be 1..65535, got " + port + " (SMPP usually listens on 2775)");
    }
    systemId = text("system-id", systemId, 1, 15);
    password = text("password", password, 0, 8);
    systemType = text("system-type", systemType, 0, 12);
    ownNumber = SmsAddress.normalize(Objects.requireNonNull(ownNumber, "ownNumber"));
    positive("enquire-link interval", enquireLink);
    positive("first rebind wait", rebindFirst);
    positive("longest rebind wait", rebindMax);
    if (rebindMax.compareTo(rebindFirst) < 0) {
      throw new IllegalArgumentException("the longest rebind wait (" + rebindMax + ") is shorter than the first ("
          + rebindFirst + "): raise it");
    }
    if (window < 1 || window > 1000) {
      throw new IllegalArgumentException("the SMPP window must be 1..1000 submit_sm in flight, got " + window);
    }
    if (queue < 0 || queue > 1_000_000) {
      throw new IllegalArgumentException("the SMS send queue must hold 0..1000000 messages, got " + queue);
    }
    positive("send queue timeout", queueTimeout);
    positive("concatenation timeout", concatenationTimeout);
  }

  /**
   * Settings with the defaults: enquire_link every 30 s, rebind after 1 s doubling up to 60 s, a window
   * of {@value #DEFAULT_WINDOW}, a queue of {@value #DEFAULT_QUEUE} kept 60 s, partial concatenations
   * kept 60 s, delivery receipts asked, no system type.
   */
  public static SmppSettings of(String host, int port, String systemId, String password, String ownNumber) {
    return new SmppSettings(host, port, systemId, password, "", ownNumber, Duration.ofSeconds(30),
        Duration.ofSeconds(1), Duration.ofSeconds(60), DEFAULT_WINDOW, DEFAULT_QUEUE, Duration.ofSeconds(60),
        Duration.ofSeconds(60), true);
  }

  /** These settings with another {@code system_type}. */
  public SmppSettings withSystemType(String type) {
    return new SmppSettings(host, port, systemId, password, type, ownNumber, enquireLink, rebindFirst, rebindMax,
        window, queue, queueTimeout, concatenationTimeout, deliveryReceipts);
  }

  /** These settings with another enquire_link interval. */
  public SmppSettings withEnquireLink(Duration interval) {
    return new SmppSettings(host, port, systemId, password, systemType, ownNumber, interval, rebindFirst, rebindMax,
        window, queue, queueTimeout, concatenationTimeout, deliveryReceipts);
  }

  /** These settings with other rebind waits: {@code first}, doubling up to {@code max}. */
  public SmppSettings withRebind(Duration first, Duration max) {
    return new SmppSettings(host, port, systemId, password, systemType, ownNumber, enquireLink, first, max,
        window, queue, queueTimeout, concatenationTimeout, deliveryReceipts);
  }

  /** These settings with another window and send queue. */
  public SmppSettings withWindow(int inFlight, int waiting, Duration waitAtMost) {
    return new SmppSettings(host, port, systemId, password, systemType, ownNumber, enquireLink, rebindFirst,
        rebindMax, inFlight, waiting, waitAtMost, concatenationTimeout, deliveryReceipts);
  }

  /** These settings keeping partial concatenations for {@code timeout}. */
  public SmppSettings withConcatenationTimeout(Duration timeout) {
    return new SmppSettings(host, port, systemId, password, systemType, ownNumber, enquireLink, rebindFirst,
        rebindMax, window, queue, queueTimeout, timeout, deliveryReceipts);
  }

  /** These settings asking for delivery receipts or not. */
  public SmppSettings withDeliveryReceipts(boolean ask) {
    return new SmppSettings(host, port, systemId, password, systemType, ownNumber, enquireLink, rebindFirst,
        rebindMax, window, queue, queueTimeout, concatenationTimeout, ask);
  }

  /** The password is never printed. */
  @Override
  public String toString() {
    return "SmppSettings[" + host + ":" + port + ", system-id " + systemId + ", number " + ownNumber + ", window "
        + window + "]";
  }

  private static String text(String name, String value, int min, int max) {
    Objects.requireNonNull(value, name);
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException("the SMPP " + name + " must be " + min + " to " + max
          + " characters (SMPP 3.4 §5.2), got " + value.length());
    }
    if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException("the SMPP " + name + " must be printable ASCII");
    }
    return value;
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the SMPP " + name + " must be positive, got " + value);
    }
  }
}
