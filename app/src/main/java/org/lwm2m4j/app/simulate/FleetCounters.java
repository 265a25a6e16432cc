package org.lwm2m4j.app.simulate;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * What the fleet has done so far, counted from every device's registration events and inbound
 * requests without locks: read by the progress line once a second and by the summary at the end.
 */
final class FleetCounters {
  /** Devices that completed a Register at least once. */
  final LongAdder everRegistered = new LongAdder();
  /** Devices registered now. */
  final LongAdder registeredNow = new LongAdder();
  /** Register exchanges answered with success, re-registrations included. */
  final LongAdder registrations = new LongAdder();
  /** Update exchanges answered with success. */
  final LongAdder updates = new LongAdder();
  /** Register or Update exchanges that failed (each is retried by the device). */
  final LongAdder failedAttempts = new LongAdder();
  final LongAdder deregistered = new LongAdder();
  /** Requests from the server the devices answered (any code). */
  final LongAdder requestsAnswered = new LongAdder();
  final LongAdder notificationsSent = new LongAdder();
  /** Devices that registered again after a storm asked them to. */
  final LongAdder stormRegistered = new LongAdder();
  /** From Register sent to its answer, for successful first registrations. */
  final LatencyHistogram registrationLatency = new LatencyHistogram();
  /** When the first Register was sent and the last first registration completed, on {@link System#nanoTime}. */
  private final AtomicLong firstRegisterSent = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastRegistered = new AtomicLong(Long.MIN_VALUE);
  /** When the storm began and its last registration completed, on {@link System#nanoTime}. */
  private final AtomicLong stormBegan = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastStormRegistered = new AtomicLong(Long.MIN_VALUE);

  void registerSent(long nanoTime) {
    firstRegisterSent.accumulateAndGet(nanoTime, Math::min);
  }

  /** A device's first registration completed after {@code latencyNanos}. */
  void firstRegistered(long nanoTime, long latencyNanos) {
    everRegistered.increment();
    registrationLatency.record(latencyNanos);
    lastRegistered.accumulateAndGet(nanoTime, Math::max);
  }

  void stormBegan(long nanoTime) {
    stormBegan.accumulateAndGet(nanoTime, Math::min);
  }

  /** A device asked by the storm to register again did. */
  void registeredInStorm(long nanoTime) {
    stormRegistered.increment();
    lastStormRegistered.accumulateAndGet(nanoTime, Math::max);
  }

  /** From the storm's beginning to its last registration, in seconds; 0 without a storm. */
  double stormSeconds() {
    long began = stormBegan.get();
    long last = lastStormRegistered.get();
    return last <= began ? 0 : (last - began) / 1e9;
  }

  /** First registrations per second, from the first Register sent to the last first registration; 0 before any. */
  double registrationsPerSecond() {
    long first = firstRegisterSent.get();
    long last = lastRegistered.get();
    long count = everRegistered.sum();
    if (count == 0 || last <= first) {
      return 0;
    }
    return count / ((last - first) / 1e9);
  }

  /** {@code handler}, counting the requests it answers and the notifications it sends. */
  CoapHandler counting(CoapHandler handler) {
    return new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        return answered(handler.handle(request));
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        return answered(handler.observe(request, new CountingRelation(relation)));
      }
    };
  }

  private CompletableFuture<CoapResponse> answered(CompletableFuture<CoapResponse> response) {
    response.whenComplete((answer, failure) -> requestsAnswered.increment());
    return response;
  }

  /** Counts what the device's observation tracker pushes; the relation itself is the transport's. */
  private final class CountingRelation implements ObserveRelation {
    private final ObserveRelation relation;

    CountingRelation(ObserveRelation relation) {
      this.relation = relation;
    }

    @Override
    public InetSocketAddress peer() {
      return relation.peer();
    }

    @Override
    public byte[] token() {
      return relation.token();
    }

    @Override
    public void notify(CoapResponse notification, boolean confirmable) {
      if (relation.isActive()) {
        notificationsSent.increment();
      }
      relation.notify(notification, confirmable);
    }

    @Override
    public void onCancel(Runnable listener) {
      relation.onCancel(listener);
    }

    @Override
    public boolean isActive() {
      return relation.isActive();
    }

    @Override
    public void cancel() {
      relation.cancel();
    }
  }
}
