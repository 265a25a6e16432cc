package org.lwm2m4j.app.simulate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The live progress of a simulation, one line a second on stderr: rewritten in place
 * ({@code \r}) on a terminal, one line after the other when stderr goes to a file or a pipe.
 */
final class ProgressLine {
  private final PrintWriter err;
  private final boolean terminal;
  private final int devices;
  private long lastNotifications;
  private long lastNanos;
  private int lastLength;

  ProgressLine(PrintWriter err, boolean terminal, int devices, long nowNanos) {
    this.err = err;
    this.terminal = terminal;
    this.devices = devices;
    this.lastNanos = nowNanos;
  }

  /** Prints the line for now. */
  synchronized void print(Fleet fleet, FleetCounters counters, long nowNanos) {
    Map<SimulatedDevice.State, Integer> states = fleet.states();
    long notifications = counters.notificationsSent.sum();
    double seconds = Math.max(1e-3, (nowNanos - lastNanos) / 1e9);
    double perSecond = (notifications - lastNotifications) / seconds;
    lastNotifications = notifications;
    lastNanos = nowNanos;
    String line = format(devices, fleet.started(), states, counters, perSecond);
    if (terminal) {
      // pad over the end of a longer previous line
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the line on a terminal, so that what follows starts on a line of its own. */
  synchronized void finish() {
    if (terminal && lastLength > 0) {
      err.println();
      err.flush();
    }
  }

  static String format(int devices, int started, Map<SimulatedDevice.State, Integer> states, FleetCounters counters,
      double notificationsPerSecond) {
    LatencyHistogram latency = counters.registrationLatency;
    return String.format(Locale.ROOT,
        "simulate: %d/%d registered, %d registering, %d updating, %d failing, %d started, %d updates, %d answered, %.0f notifications/s, "
            + "latency p50 %.1f ms p99 %.1f ms",
        Fleet.registered(states), devices, states.get(SimulatedDevice.State.REGISTERING),
        states.get(SimulatedDevice.State.UPDATING), states.get(SimulatedDevice.State.FAILING), started, counters.updates.sum(), counters.requestsAnswered.sum(),
        notificationsPerSecond, latency.percentileMillis(0.5), latency.percentileMillis(0.99));
  }
}
