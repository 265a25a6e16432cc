package org.lwm2m4j.app.simulate;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * The running devices of a {@link FleetPlan}: started at the plan's rate on the caller's thread,
 * their values moved by one repeating task on the shared scheduler (a slice of the fleet each
 * second, so that each device changes once per notify interval), stopped together.
 */
final class Fleet {
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration STORM_STEP = Duration.ofMillis(100);

  private final FleetPlan plan;
  private final FleetTransport transport;
  private final Scheduler scheduler;
  private final FleetCounters counters;
  private final AtomicReferenceArray<SimulatedDevice> devices;
  private final SplittableRandom random = new SplittableRandom(14);
  private volatile int started;
  private volatile int failedToStart;
  private long tick;
  private Scheduler.Task mover;
  private volatile Scheduler.Task storm;
  private volatile Scheduler.Task stormTimer;

  Fleet(FleetPlan plan, FleetTransport transport, Scheduler scheduler, FleetCounters counters) {
    this.plan = plan;
    this.transport = transport;
    this.scheduler = scheduler;
    this.counters = counters;
    this.devices = new AtomicReferenceArray<>(plan.devices());
  }

  /**
   * Starts the devices one after the other, {@link FleetPlan#rate()} per second, on this thread;
   * returns early when {@code stop} is released. A device whose address cannot be bound is counted
   * and skipped.
   */
  void ramp(CountDownLatch stop) {
    if (!plan.notifyInterval().isZero()) {
      mover = scheduler.repeat(TICK, TICK, this::moveSlice);
    }
    long begin = System.nanoTime();
    double nanosPerDevice = 1e9 / plan.rate();
    for (int i = 0; i < plan.devices() && stop.getCount() > 0; i++) {
      long due = begin + (long) (i * nanosPerDevice);
      long wait;
      while ((wait = due - System.nanoTime()) > 0 && stop.getCount() > 0) {
        LockSupport.parkNanos(wait);
      }
      try {
        devices.set(i, SimulatedDevice.start(i, plan, transport.addressOf(plan.addresses().of(i)), transport.endpoints(),
            transport.coapSettings(), scheduler, counters));
        started = i + 1;
      } catch (IOException e) {
        failedToStart++;
        started = i + 1;
      }
    }
  }

  /**
   * Starts the plan's storm, if any, when its time comes: the devices started by then register again,
   * the same share of them every {@link #STORM_STEP}, so that the last one does at the end of the
   * storm's window.
   */
  void scheduleStorm() {
    plan.storm().ifPresent(planned -> stormTimer = scheduler.schedule(planned.at(), () -> beginStorm(planned.within())));
  }

  private void beginStorm(Duration within) {
    int upTo = started;
    long steps = Math.max(1, within.toMillis() / STORM_STEP.toMillis());
    int perStep = (int) Math.max(1, (upTo + steps - 1) / steps);
    counters.stormBegan(scheduler.nanoTime());
    int[] next = {0};
    storm = scheduler.repeat(Duration.ZERO, STORM_STEP, () -> {
      int end = Math.min(upTo, next[0] + perStep);
      for (int i = next[0]; i < end; i++) {
        SimulatedDevice device = devices.get(i);
        if (device != null) {
          device.registerAgain();
        }
      }
      next[0] = end;
      Scheduler.Task self = storm;
      if (end >= upTo && self != null) { // null only if the first step ran before repeat() returned: a later step cancels
        self.cancel();
      }
    });
  }

  /** Devices the ramp has gone past so far (started or failed to start). */
  int started() {
    return started;
  }

  /** Devices whose endpoint could not be bound. */
  int failedToStart() {
    return failedToStart;
  }

  /** How many started devices are in each state now. */
  Map<SimulatedDevice.State, Integer> states() {
    Map<SimulatedDevice.State, Integer> counts = new EnumMap<>(SimulatedDevice.State.class);
    for (SimulatedDevice.State state : SimulatedDevice.State.values()) {
      counts.put(state, 0);
    }
    int upTo = started;
    for (int i = 0; i < upTo; i++) {
      SimulatedDevice device = devices.get(i);
      if (device != null) {
        counts.merge(device.state(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Devices registered now (an Update on the wire included). */
  static int registered(Map<SimulatedDevice.State, Integer> states) {
    return states.get(SimulatedDevice.State.REGISTERED) + states.get(SimulatedDevice.State.UPDATING);
  }

  /** Moves the values of every device whose number falls in this second's slice. */
  private void moveSlice() {
    long slices = Math.max(1, plan.notifyInterval().toSeconds());
    int slice = (int) (tick++ % slices);
    int upTo = started;
    for (int i = slice; i < upTo; i += (int) slices) {
      SimulatedDevice device = devices.get(i);
      if (device != null && device.state().isRegistered()) {
        device.move(random);
      }
    }
  }

  /**
   * Stops the fleet: no more value changes; if {@code deregister}, every registered device sends its
   * De-register and the fleet waits for the answers at most {@code budget}; then every device halts.
   *
   * @return true when every De-register was answered (or none was asked for)
   */
  boolean stop(boolean deregister, Duration budget) {
    if (mover != null) {
      mover.cancel();
    }
    for (Scheduler.Task task : new Scheduler.Task[] {stormTimer, storm}) {
      if (task != null) {
        task.cancel();
      }
    }
    int upTo = started;
    boolean done = true;
    if (deregister) {
      CompletableFuture<?>[] pending = new CompletableFuture<?>[upTo];
      for (int i = 0; i < upTo; i++) {
        SimulatedDevice device = devices.get(i);
        pending[i] = device == null ? CompletableFuture.completedFuture(null) : device.deregister();
      }
      try {
        CompletableFuture.allOf(pending).get(budget.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      } catch (ExecutionException | TimeoutException e) {
        done = false;
      }
    }
    for (int i = 0; i < upTo; i++) {
      SimulatedDevice device = devices.get(i);
      if (device != null) {
        device.halt();
      }
    }
    return done;
  }
}
