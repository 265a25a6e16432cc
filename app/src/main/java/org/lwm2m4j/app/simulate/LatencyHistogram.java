package org.lwm2m4j.app.simulate;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in logarithmic buckets, eight per doubling (each about 9 % wide), from 1 µs to about
 * 1.2 hours: enough to say p50 and p99 of a registration without keeping every sample. Recording
 * is lock-free; a percentile is the upper edge of its bucket, so it errs by at most one bucket.
 */
final class LatencyHistogram {
  private static final int PER_DOUBLING = 8;
  private static final int BUCKETS = 32 * PER_DOUBLING;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  /** Records one latency. */
  void record(long nanos) {
    counts.incrementAndGet(bucketOf(Math.max(1, nanos / 1000)));
  }

  /** The number of latencies recorded. */
  long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /**
   * The latency {@code fraction} of the recordings are at or below, in milliseconds (0 when none
   * were recorded).
   */
  double percentileMillis(double fraction) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return upperEdgeMicros(i) / 1000.0;
      }
    }
    return upperEdgeMicros(BUCKETS - 1) / 1000.0;
  }

  private static int bucketOf(long micros) {
    int bucket = (int) Math.floor(Math.log(micros) / Math.log(2) * PER_DOUBLING);
    return Math.min(BUCKETS - 1, Math.max(0, bucket));
  }

  private static double upperEdgeMicros(int bucket) {
    return Math.pow(2, (bucket + 1) / (double) PER_DOUBLING);
  }
}
