package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles from logarithmic buckets: within one bucket (about 9 %) of the true value. */
class LatencyHistogramTest {
  @Test
  void percentilesAreWithinABucketOfTheRecordedValues() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int millis = 1; millis <= 100; millis++) {
      histogram.record(millis * 1_000_000L);
    }

    assertThat(histogram.count()).isEqualTo(100);
    assertThat(histogram.percentileMillis(0.5)).isCloseTo(50, within(50 * 0.1));
    assertThat(histogram.percentileMillis(0.99)).isCloseTo(99, within(99 * 0.1));
  }

  @Test
  void anEmptyHistogramSaysZero() {
    assertThat(new LatencyHistogram().percentileMillis(0.99)).isZero();
  }
}
