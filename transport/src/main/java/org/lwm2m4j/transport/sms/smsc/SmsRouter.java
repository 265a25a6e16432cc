package org.lwm2m4j.transport.sms.smsc;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jsmpp.PDUException;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.lwm2m4j.core.schedule.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each SMS an ESME submitted to its destination: loses or duplicates it on purpose, holds it
 * for the delay, delivers it as a {@code deliver_sm} to the session bound for the destination or
 * stores it until one binds, and sends the delivery receipt its sender asked for. Deliveries to one
 * number go out one at a time, in order, on the SMSC's workers (a {@code deliver_sm} blocks until
 * the ESME answers). Thread-safe.
 */
final class SmsRouter {
  private static final Logger LOG = LoggerFactory.getLogger(SmscLog.LOGGER);
  /** Deliveries waiting per destination before the SMSC refuses more (it answers the submit first). */
  private static final int LANE_CAPACITY = 10_000;

  private final SmscSettings settings;
  private final EsmeDirectory directory;
  private final SmscLog log;
  private final ScheduledExecutorService timer;
  private final Executor workers;
  private final Clock clock;
  private final Random random;
  private final SmsStore store;
  private final Map<String, SerialExecutor> lanes = new ConcurrentHashMap<>();

  /** An SMS and what the faults do to it: dropped, or delivered {@code copies} times. */
  record Plan(ShortMessage sms, boolean lost, int copies) {}

  SmsRouter(SmscSettings settings, EsmeDirectory directory, SmscLog log, ScheduledExecutorService timer, Executor workers, Clock clock) {
    this.settings = settings;
    this.directory = directory;
    this.log = log;
    this.timer = timer;
    this.workers = workers;
    this.clock = clock;
    this.random = settings.seed().isPresent() ? new Random(settings.seed().getAsLong()) : new Random();
    this.store = new SmsStore(settings.storeFor(), timer, this::expired);
  }

  /**
   * What the faults do to {@code sms}: drawn when its {@code submit_sm} arrives, so that one seed
   * gives the same choices for the same SMS whichever jSMPP thread answers which submit first.
   */
  Plan plan(ShortMessage sms) {
    synchronized (random) {
      // both drawn every time, so one seed gives the same choices whatever the probabilities
      boolean lost = random.nextDouble() < settings.lossProbability();
      boolean duplicated = random.nextDouble() < settings.duplicateProbability();
      return new Plan(sms, lost, duplicated ? 2 : 1);
    }
  }

  /** Routes {@code plan}'s SMS, whose {@code submit_sm} has been answered. */
  void route(Plan plan) {
    ShortMessage sms = plan.sms();
    if (plan.lost()) {
      log.add(sms.record(clock.instant(), SmsRecord.Fate.LOST));
      receipt(sms, DeliveryReceipt.UNDELIVERABLE);
      return;
    }
    SmsStore.Kept kept = new SmsStore.Kept(sms, plan.copies());
    if (settings.delay().isZero()) {
      toLane(kept);
    } else {
      timer.schedule(() -> toLane(kept), settings.delay().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Sends what was stored for {@code msisdn}, which a session now stands for. */
  void bound(String msisdn) {
    store.take(msisdn).forEach(this::toLane);
  }

  private void toLane(SmsStore.Kept kept) {
    try {
      lanes.computeIfAbsent(kept.sms().to, to -> new SerialExecutor(workers, LANE_CAPACITY)).execute(() -> deliver(kept));
    } catch (RejectedExecutionException e) {
      LOG.warn("SMS {} to {} dropped: {} deliveries already wait for that number, or the SMSC is closing", kept.sms().messageId,
          kept.sms().to, LANE_CAPACITY);
    }
  }

  private void deliver(SmsStore.Kept kept) {
    ShortMessage sms = kept.sms();
    java.util.Optional<SMPPServerSession> receiver = directory.receiverFor(sms.to);
    if (receiver.isEmpty()) {
      keep(kept);
      return;
    }
    int delivered = 0;
    try {
      for (int copy = 0; copy < kept.copies(); copy++) {
        send(receiver.get(), sms);
        delivered++;
      }
    } catch (NegativeResponseException | InvalidResponseException | PDUException | RuntimeException e) {
      if (delivered == 0) {
        finish(sms, SmsRecord.Fate.REJECTED, DeliveryReceipt.UNDELIVERABLE, e.getMessage());
        return;
      }
    } catch (IOException | ResponseTimeoutException e) {
      if (delivered == 0) {
        // the session went away under us, or its ESME does not answer in jSMPP's transaction time:
        // wait for it to bind again (an ESME that stays bound but silent sees it expire)
        LOG.debug("SMS {} to {} not delivered ({}); storing it", sms.messageId, sms.to, e.getMessage());
        keep(kept);
        return;
      }
    }
    finish(sms, delivered > 1 ? SmsRecord.Fate.DUPLICATED : SmsRecord.Fate.DELIVERED, DeliveryReceipt.DELIVERED, "");
  }

  private void keep(SmsStore.Kept kept) {
    ShortMessage sms = kept.sms();
    if (sms.receipt) {
      if (settings.storeFor().isZero()) {
        finish(sms, SmsRecord.Fate.UNKNOWN_DESTINATION, DeliveryReceipt.UNDELIVERABLE, "");
      } else {
        store.keep(kept);
      }
      return;
    }
    if (settings.storeFor().isZero()) {
      finish(sms, SmsRecord.Fate.UNKNOWN_DESTINATION, DeliveryReceipt.UNDELIVERABLE, "");
      return;
    }
    log.add(sms.record(clock.instant(), SmsRecord.Fate.STORED));
    store.keep(kept);
  }

  private void expired(SmsStore.Kept kept) {
    finish(kept.sms(), SmsRecord.Fate.EXPIRED, DeliveryReceipt.EXPIRED, "");
  }

  private void finish(ShortMessage sms, SmsRecord.Fate fate, DeliveryReceipt receipt, String why) {
    if (sms.receipt) {
      LOG.info("receipt of SMS {} {} -> {}: {}", sms.messageId, sms.from, sms.to, fate.text());
      return;
    }
    if (!why.isEmpty()) {
      LOG.debug("SMS {} to {}: the ESME answered the deliver_sm with {}", sms.messageId, sms.to, why);
    }
    log.add(sms.record(clock.instant(), fate));
    receipt(sms, receipt);
  }

  private void receipt(ShortMessage sms, DeliveryReceipt receipt) {
    if (!sms.receipt && receipt.requestedBy(sms)) {
      toLane(new SmsStore.Kept(receipt.about(sms, clock.instant()), 1));
    }
  }

  private static void send(SMPPServerSession session, ShortMessage sms)
      throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
    session.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, sms.from, TypeOfNumber.UNKNOWN,
        NumberingPlanIndicator.UNKNOWN, sms.to, new ESMClass(sms.deliverEsmClass()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
        new RawDataCoding(sms.dataCoding), sms.userData, sms.parameters);
  }
}
