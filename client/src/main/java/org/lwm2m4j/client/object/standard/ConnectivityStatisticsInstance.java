package org.lwm2m4j.client.object.standard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * The Connectivity Statistics object's instance {@code /7/0}: SMS and data counters over a
 * collection period that a server opens with Start (6) — which zeroes the counters — and closes
 * with Stop (7), which keeps them. A non-zero Collection Period (8, seconds, writable) ends the
 * collection by itself once that long has passed since Start, measured on the clock.
 *
 * <p>The application reports traffic with {@link #recordTx}, {@link #recordRx}, {@link
 * #recordSmsTx} and {@link #recordSmsRx}; outside a collection they count nothing. Tx and Rx Data
 * are in kB (1000 bytes, rounded down); Max and Average Message Size in bytes, over messages in
 * both directions. Observers hear of the counters that changed. Thread-safe.
 */
public final class ConnectivityStatisticsInstance extends StoredInstance {
  static final int SMS_TX = 0;
  static final int SMS_RX = 1;
  static final int TX_DATA = 2;
  static final int RX_DATA = 3;
  static final int MAX_MESSAGE_SIZE = 4;
  static final int AVERAGE_MESSAGE_SIZE = 5;
  static final int START = 6;
  static final int STOP = 7;
  static final int COLLECTION_PERIOD = 8;

  private static final int KILOBYTE = 1000;

  private final Clock clock;
  // Guarded by this.
  private Counters counters = Counters.ZERO;
  private boolean collecting;
  private Instant startedAt = Instant.EPOCH;
  private long periodSeconds;

  /** The counters as the resources 0..5 show them, plus what the average needs. */
  private record Counters(long smsTx, long smsRx, long txBytes, long rxBytes, long maxMessage, long messages,
      long messageBytes) {
    static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

    long[] resourceValues() {
      return new long[] {smsTx, smsRx, txBytes / KILOBYTE, rxBytes / KILOBYTE, maxMessage,
          messages == 0 ? 0 : messageBytes / messages};
    }

    Counters message(boolean tx, int bytes) {
      return new Counters(smsTx, smsRx, txBytes + (tx ? bytes : 0), rxBytes + (tx ? 0 : bytes),
          Math.max(maxMessage, bytes), messages + 1, messageBytes + bytes);
    }

    Counters sms(boolean tx) {
      return new Counters(smsTx + (tx ? 1 : 0), smsRx + (tx ? 0 : 1), txBytes, rxBytes, maxMessage, messages,
          messageBytes);
    }
  }

  /** Statistics on the system clock. */
  public ConnectivityStatisticsInstance() {
    this(Clock.systemUTC());
  }

  /** Statistics whose Collection Period runs on {@code clock}. */
  public ConnectivityStatisticsInstance(Clock clock) {
    super(0);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---- what the tree reads, writes and executes ----------------------------------------------

  @Override
  protected List<Integer> resourceIds() {
    return List.of(SMS_TX, SMS_RX, TX_DATA, RX_DATA, MAX_MESSAGE_SIZE, AVERAGE_MESSAGE_SIZE, COLLECTION_PERIOD);
  }

  @Override
  public synchronized Optional<LwM2mResource> resource(int resourceId) {
    if (resourceId >= SMS_TX && resourceId <= AVERAGE_MESSAGE_SIZE) {
      return Optional.of(SingleResource.of(resourceId, Value.ofInteger(counters.resourceValues()[resourceId])));
    }
    if (resourceId == COLLECTION_PERIOD) {
      return Optional.of(SingleResource.of(COLLECTION_PERIOD, Value.ofInteger(periodSeconds)));
    }
    return Optional.empty();
  }

  /** Collection Period (8): seconds, at least 0 (0 collects until Stop); 4.00 otherwise. */
  @Override
  public synchronized void write(LwM2mResource resource) {
    if (resource.id() != COLLECTION_PERIOD) {
      throw new InvalidRequestException("/7/0/" + resource.id() + " is kept by the device and cannot be written");
    }
    if (!(resource instanceof SingleResource single && single.value() instanceof IntegerValue period)
        || period.value() < 0) {
      throw new InvalidRequestException("Collection Period (/7/0/8) takes an Integer >= 0 (seconds)");
    }
    periodSeconds = period.value();
  }

  /** A replacing Write that leaves out Collection Period sets it back to 0 (not set). */
  @Override
  public synchronized void remove(int resourceId) {
    if (resourceId == COLLECTION_PERIOD) {
      periodSeconds = 0;
    }
  }

  /** Start (6) zeroes the counters and starts collecting; Stop (7) stops, keeping them. */
  @Override
  public void execute(int resourceId, String arguments) {
    if (resourceId == START) {
      Counters before;
      synchronized (this) {
        before = counters;
        counters = Counters.ZERO;
        collecting = true;
        startedAt = clock.instant();
      }
      report(before, Counters.ZERO);
    } else if (resourceId == STOP) {
      synchronized (this) {
        collecting = false;
      }
    } else {
      super.execute(resourceId, arguments);
    }
  }

  // ---- what the application reports ---------------------------------------------------------

  /**
   * Not supported: the counters follow the recorded traffic.
   *
   * @throws IllegalArgumentException always; use the {@code record} methods
   */
  @Override
  public void set(int resourceId, Value value) {
    throw new IllegalArgumentException("/7/0/" + resourceId + " is counted by the instance; use the record methods");
  }

  /** True while a collection is open: started, not stopped, its period (if any) not yet over. */
  public synchronized boolean isCollecting() {
    if (collecting && periodSeconds > 0 && !clock.instant().isBefore(startedAt.plusSeconds(periodSeconds))) {
      collecting = false;
    }
    return collecting;
  }

  /** Counts a message of {@code bytes} sent (IP header and up) if collecting. */
  public void recordTx(int bytes) {
    recordMessage(true, bytes);
  }

  /** Counts a message of {@code bytes} received (IP header and up) if collecting. */
  public void recordRx(int bytes) {
    recordMessage(false, bytes);
  }

  /** Counts an SMS sent, if collecting. */
  public void recordSmsTx() {
    recordSms(true);
  }

  /** Counts an SMS received, if collecting. */
  public void recordSmsRx() {
    recordSms(false);
  }

  private void recordMessage(boolean tx, int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a message has at least 0 bytes, not " + bytes);
    }
    Counters before;
    Counters after;
    synchronized (this) {
      if (!isCollecting()) {
        return;
      }
      before = counters;
      after = counters.message(tx, bytes);
      counters = after;
    }
    report(before, after);
  }

  private void recordSms(boolean tx) {
    Counters before;
    Counters after;
    synchronized (this) {
      if (!isCollecting()) {
        return;
      }
      before = counters;
      after = counters.sms(tx);
      counters = after;
    }
    report(before, after);
  }

  private void report(Counters before, Counters after) {
    long[] old = before.resourceValues();
    long[] now = after.resourceValues();
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < now.length; id++) {
      if (old[id] != now[id]) {
        ids.add(id);
      }
    }
    if (!ids.isEmpty()) {
      changed(ids.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
