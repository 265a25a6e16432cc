package org.lwm2m4j.bench.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Markdown table of a side-by-side run: one column per server, the first (Leshan) the
 * reference every other column's ratio is taken against, the target for the row where it
 * sets one, then notes on how it was measured and a warning wherever the load side used more CPU
 * per operation than the server it drove.
 */
final class ComparisonTable {
  /** One row: its label (the key of its value in a {@link ServerResult}), which way is better, and the target. */
  record Row(String label, boolean higherIsBetter, String target) {}

  /** A load-side CPU row compared with a server CPU row, for the warnings. */
  private record LoadPair(String operation, String load, String server) {}

  static final String REGISTER_RATE = "Register rate (registrations/s)";
  static final String REGISTER_CPU = "server CPU per Register (µs)";
  static final String UPDATE_RATE = "Update rate (updates/s)";
  static final String UPDATE_CPU = "server CPU per Update (µs)";
  static final String READ_RATE = "Read /3/0 rate, TLV, Java API, real clients (reads/s)";
  static final String READ_CPU = "server CPU per Read, real clients (µs)";
  static final String HEAP_12 = "heap per registration, 12 object links, steady state (B)";
  static final String HEAP_3 = "heap per registration, 3 object links, steady state (B)";
  static final String NOTIFY_RATE = "CON notification ingest (notifications/s)";
  static final String NOTIFY_CPU = "server CPU per notification (µs)";
  static final String DTLS_RATE = "DTLS 1.2 PSK full handshakes (handshakes/s)";
  static final String DTLS_CPU = "server CPU per handshake (µs)";
  static final String GENERATOR_REGISTER = "generator CPU per Register (µs)";
  static final String GENERATOR_UPDATE = "generator CPU per Update (µs)";
  static final String CLIENTS_READ = "answering clients' CPU per Read (µs)";
  static final String FLEET_NOTIFY = "fleet CPU per notification (µs)";
  static final String CLIENTS_DTLS = "DTLS clients' CPU per handshake (µs)";
  static final String RETRANSMITTED = "Registers + Updates retransmitted (no ACK in time)";
  static final String UPDATES_NOT_FOUND = "Updates answered 4.04 (their retransmitted Register was handled twice)";

  static String fleetReadRate(int devices) {
    return String.format(Locale.ROOT, "Read /3/0 rate, TLV, Java API, fleet of %,d (reads/s)", devices);
  }

  static String fleetReadCpu(int devices) {
    return String.format(Locale.ROOT, "server CPU per Read, Java API, fleet of %,d (µs)", devices);
  }

  static String httpReadRate(int devices) {
    return String.format(Locale.ROOT, "Read /3/0 rate, TLV, over HTTP, fleet of %,d (reads/s)", devices);
  }

  static String httpReadCpu(int devices) {
    return String.format(Locale.ROOT, "server CPU per Read, over HTTP, fleet of %,d (µs)", devices);
  }

  static String fleetCpu(int devices) {
    return String.format(Locale.ROOT, "fleet CPU per Read, Java API, fleet of %,d (µs)", devices);
  }

  static String httpGeneratorCpu(int devices) {
    return String.format(Locale.ROOT, "HTTP generator + fleet CPU per Read, fleet of %,d (µs)", devices);
  }

  private ComparisonTable() {}

  /** The rows of a run with fleets of {@code fleetSizes} devices, in the table's order. */
  static List<Row> rows(List<Integer> fleetSizes) {
    List<Row> rows = new ArrayList<>(List.of(
        new Row(REGISTER_RATE, true, "≥3× Leshan, ≥0.8× in-memory"),
        new Row(REGISTER_CPU, false, "≤1/3 Leshan"),
        new Row(UPDATE_RATE, true, ""),
        new Row(UPDATE_CPU, false, ""),
        new Row(READ_RATE, true, "≥2× Leshan"),
        new Row(READ_CPU, false, "")));
    for (int devices : fleetSizes) {
      rows.add(new Row(fleetReadRate(devices), true, "≥2× Leshan"));
      rows.add(new Row(fleetReadCpu(devices), false, ""));
      rows.add(new Row(httpReadRate(devices), true, "≥2× Leshan"));
      rows.add(new Row(httpReadCpu(devices), false, ""));
    }
    rows.addAll(List.of(
        new Row(NOTIFY_RATE, true, "≥2× Leshan"),
        new Row(NOTIFY_CPU, false, ""),
        new Row(DTLS_RATE, true, "≥1.5× Leshan"),
        new Row(DTLS_CPU, false, ""),
        new Row(HEAP_12, false, "≤0.2× Leshan"),
        new Row(HEAP_3, false, "≤0.2× Leshan, ≤450 B"),
        new Row(GENERATOR_REGISTER, false, ""),
        new Row(GENERATOR_UPDATE, false, ""),
        new Row(CLIENTS_READ, false, "")));
    for (int devices : fleetSizes) {
      rows.add(new Row(fleetCpu(devices), false, ""));
      rows.add(new Row(httpGeneratorCpu(devices), false, ""));
    }
    rows.addAll(List.of(
        new Row(FLEET_NOTIFY, false, ""),
        new Row(CLIENTS_DTLS, false, ""),
        new Row(RETRANSMITTED, false, ""),
        new Row(UPDATES_NOT_FOUND, false, "")));
    return rows;
  }

  private static List<LoadPair> loadPairs(List<Integer> fleetSizes) {
    List<LoadPair> pairs = new ArrayList<>(List.of(
        new LoadPair("Register", GENERATOR_REGISTER, REGISTER_CPU),
        new LoadPair("Update", GENERATOR_UPDATE, UPDATE_CPU),
        new LoadPair("Read (real clients)", CLIENTS_READ, READ_CPU)));
    for (int devices : fleetSizes) {
      pairs.add(new LoadPair("Read (Java API, fleet of " + devices + ")", fleetCpu(devices), fleetReadCpu(devices)));
      pairs.add(new LoadPair("Read (HTTP, fleet of " + devices + ")", httpGeneratorCpu(devices), httpReadCpu(devices)));
    }
    pairs.add(new LoadPair("notification", FLEET_NOTIFY, NOTIFY_CPU));
    pairs.add(new LoadPair("DTLS handshake", CLIENTS_DTLS, DTLS_CPU));
    return pairs;
  }

  /** The table, its settings line and its warnings, ready to print. */
  static String render(List<ServerResult> results, List<Integer> fleetSizes, String settings) {
    StringBuilder out = new StringBuilder();
    out.append("| |");
    results.forEach(r -> out.append(' ').append(r.name()).append(" |"));
    out.append(" better | issue's target |\n|---|");
    results.forEach(r -> out.append("---|"));
    out.append("---|---|\n");
    ServerResult reference = results.get(0);
    for (Row row : rows(fleetSizes)) {
      out.append("| ").append(row.label()).append(" |");
      OptionalDouble base = reference.value(row.label());
      for (ServerResult result : results) {
        OptionalDouble value = result.value(row.label());
        if (value.isEmpty()) {
          out.append(" — |");
          continue;
        }
        out.append(' ').append(String.format(Locale.ROOT, "%,.0f", value.getAsDouble()));
        if (result != reference && base.isPresent() && base.getAsDouble() > 0) {
          out.append(String.format(Locale.ROOT, " (%.2f×)", value.getAsDouble() / base.getAsDouble()));
        }
        out.append(" |");
      }
      out.append(row.higherIsBetter() ? " higher | " : " lower | ").append(row.target()).append(" |\n");
    }
    out.append('\n').append(settings).append('\n');
    for (ServerResult r : results) {
      for (LoadPair pair : loadPairs(fleetSizes)) {
        OptionalDouble load = r.value(pair.load());
        OptionalDouble server = r.value(pair.server());
        if (load.isPresent() && server.isPresent() && load.getAsDouble() > server.getAsDouble()) {
          out.append(String.format(Locale.ROOT,
              "%n**Warning:** %s, %s: the load side used more CPU per operation (%.0f µs) than the server (%.0f µs); "
                  + "with both on this machine's cores the rate may be the load side's, not the server's.%n",
              r.name(), pair.operation(), load.getAsDouble(), server.getAsDouble()));
        }
      }
      double retransmitted = r.value(RETRANSMITTED).orElse(0);
      if (retransmitted > 0) {
        out.append(String.format(Locale.ROOT,
            "%n**Note:** %s: %,.0f measured Registers/Updates were retransmitted (no ACK within the 2–3 s ACK timeout): "
                + "requests were dropped or answered late, and the rates include those waits.%n", r.name(), retransmitted));
      }
      double notFound = r.value(UPDATES_NOT_FOUND).orElse(0);
      if (notFound > 0) {
        out.append(String.format(Locale.ROOT,
            "%n**Note:** %s: %,.0f Updates were answered 4.04: their Register was retransmitted after the server had forgotten "
                + "its message ID (ours remembers a peer's last 64 messages; each generator socket keeps dozens in flight, "
                + "which a real device does not), so it was handled twice and the registration the generator knew was replaced.%n",
            r.name(), notFound));
      }
    }
    return out.toString();
  }
}
