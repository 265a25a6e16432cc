package org.lwm2m4j.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The cluster benchmark's Markdown: the table, then the load side's and the shared services' CPU, then notes. */
final class ClusterTable {
  private ClusterTable() {}

  /** The tables, {@code settings} and the notes; {@code rate} is the simulator's ramp (devices started per second). */
  static String render(List<ClusterRow> rows, String settings, int rate) {
    StringBuilder out = new StringBuilder();
    out.append("| | registrations/s | Reads/s (REST) | node CPU µs per registration | node CPU µs per Read | heap per registration per node "
        + "| Redis bytes per registration |\n|---|---|---|---|---|---|---|\n");
    for (ClusterRow row : rows) {
      out.append("| ").append(row.name()).append(" | ").append(whole(row.registrationsPerSecond())).append(" | ")
          .append(whole(row.readsPerSecond())).append(" | ").append(whole(row.nodeCpuPerRegistration())).append(" | ")
          .append(whole(row.nodeCpuPerRead())).append(" | ").append(heap(row)).append(" | ")
          .append(row.redisBytesPerRegistration().isPresent() ? whole(row.redisBytesPerRegistration().getAsDouble()) + " B" : "–")
          .append(" |\n");
    }
    out.append("\n| | simulator CPU µs per registration | load side CPU µs per Read (REST client + simulator) "
        + "| Redis + nginx CPU µs per registration | Redis + nginx CPU µs per Read | Reads routed to another node |\n"
        + "|---|---|---|---|---|---|\n");
    for (ClusterRow row : rows) {
      out.append("| ").append(row.name()).append(" | ").append(whole(row.simulatorCpuPerRegistration())).append(" | ")
          .append(whole(row.generatorCpuPerRead())).append(" (").append(whole(row.httpClientCpuPerRead())).append(" + ")
          .append(whole(row.simulatorCpuPerRead())).append(") | ").append(optional(row.sharedCpuPerRegistration())).append(" | ")
          .append(optional(row.sharedCpuPerRead())).append(" | ")
          .append(row.routedShare().isPresent() ? String.format(Locale.ROOT, "%.0f %%", 100 * row.routedShare().getAsDouble()) : "–")
          .append(" |\n");
    }
    out.append('\n').append(settings).append('\n');
    for (String note : notes(rows, rate)) {
      out.append('\n').append(note).append('\n');
    }
    return out.toString();
  }

  /** Lines about what limited a rate, and the Redis key's own size. */
  static List<String> notes(List<ClusterRow> rows, int rate) {
    List<String> notes = new ArrayList<>();
    for (ClusterRow row : rows) {
      if (row.registrationsPerSecond() >= 0.9 * rate) {
        notes.add(String.format(Locale.ROOT, "**Note** (%s): %s registrations/s is the simulator's ramp (%,d devices started a second), "
            + "not the nodes' limit: run again with a higher rate.", row.name(), whole(row.registrationsPerSecond()), rate));
      }
      if (row.simulatorCpuPerRegistration() > row.nodeCpuPerRegistration()) {
        notes.add(String.format(Locale.ROOT, "**Warning** (%s): the simulator used more CPU per registration (%s µs) than the nodes (%s µs): "
                + "with both on the same cores, the registration rate may be the generator's limit.", row.name(),
            whole(row.simulatorCpuPerRegistration()), whole(row.nodeCpuPerRegistration())));
      }
      if (row.generatorCpuPerRead() > row.nodeCpuPerRead()) {
        notes.add(String.format(Locale.ROOT, "**Warning** (%s): the load side used more CPU per Read (%s µs) than the nodes (%s µs): "
            + "the Read rate may be the load side's limit.", row.name(), whole(row.generatorCpuPerRead()), whole(row.nodeCpuPerRead())));
      }
      row.redisKeyBytes().ifPresent(bytes -> notes.add(String.format(Locale.ROOT,
          "Redis (%s): MEMORY USAGE of one registration's hash (lwm2m:reg:{ep}) %,d B; its member of the expiry sorted set %s B; "
              + "the rest of the growth per registration is the keyspace's own overhead (dictionary entry, expiry-set index).",
          row.name(), bytes, row.redisExpiryBytesPerRegistration().isPresent() ? whole(row.redisExpiryBytesPerRegistration().getAsDouble()) : "?")));
    }
    return notes;
  }

  private static String heap(ClusterRow row) {
    if (row.nodes() == 1) {
      return whole(row.heapPerRegistration()) + " B";
    }
    return whole(row.heapPerRegistration()) + " B (" + whole(row.heapMin()) + "–" + whole(row.heapMax()) + ")";
  }

  private static String optional(OptionalDouble value) {
    return value.isPresent() ? whole(value.getAsDouble()) : "–";
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
