package org.lwm2m4j.bench.sidebyside;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one server measured in a side-by-side run, keyed by the table's row labels ({@link
 * ComparisonTable}). Rates are operations per second of wall time; CPU figures are microseconds of
 * process CPU time per operation — "server" the server's child JVM alone, "generator", "fleet" and
 * "clients" the parent's (the load side).
 */
record ServerResult(String name, Map<String, Double> values) {
  ServerResult {
    values = Map.copyOf(values);
  }

  /** The value of a row, if this server measured it. */
  OptionalDouble value(String label) {
    Double value = values.get(label);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
