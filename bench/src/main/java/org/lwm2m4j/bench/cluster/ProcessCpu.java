package org.lwm2m4j.bench.cluster;

import java.time.Duration;

/** CPU time of other processes on this machine, as the operating system reports it. */
final class ProcessCpu {
  private ProcessCpu() {}

  /** User + system CPU time of process {@code pid} so far, every thread. */
  static long nanos(long pid) {
    return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid + " (ended, or the system does not report it)"));
  }

  /** The sum of {@link #nanos} over {@code pids}. */
  static long nanos(long... pids) {
    long sum = 0;
    for (long pid : pids) {
      sum += nanos(pid);
    }
    return sum;
  }
}
