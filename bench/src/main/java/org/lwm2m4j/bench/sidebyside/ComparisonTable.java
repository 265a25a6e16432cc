package org.lwm2m4j.bench.sidebyside;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown table of a side-by-side run: one column per server, the first (Leshan) the
 * reference every other column's ratio is taken against, then notes on how it was measured and a
 * warning wherever the generator used more CPU per operation than the server it drove.
 */
final class ComparisonTable {
  /** One row: its label, which way is better, and how to take its value from a result. */
  private record Row(String label, boolean higherIsBetter, String format, ToDoubleFunction<ServerResult> value) {
    Row(String label, boolean higherIsBetter, ToDoubleFunction<ServerResult> value) {
      this(label, higherIsBetter, "%,.0f", value);
    }
  }

  static final List<String> ROW_LABELS;

  private static final List<Row> ROWS = List.of(
      new Row("Register rate (registrations/s)", true, "%,.0f", ServerResult::registerRate),
      new Row("server CPU per Register (µs)", false, "%,.0f", ServerResult::serverCpuPerRegister),
      new Row("Update rate (updates/s)", true, "%,.0f", ServerResult::updateRate),
      new Row("server CPU per Update (µs)", false, "%,.0f", ServerResult::serverCpuPerUpdate),
      new Row("Read /3/0 rate, TLV, Java API (reads/s)", true, "%,.0f", ServerResult::readRate),
      new Row("server CPU per Read (µs)", false, "%,.0f", ServerResult::serverCpuPerRead),
      new Row("heap per registration, steady state (B)", false, "%,.0f", r -> r.heapPerRegistration()),
      new Row("generator CPU per Register (µs)", false, "%,.0f", ServerResult::generatorCpuPerRegister),
      new Row("generator CPU per Update (µs)", false, "%,.0f", ServerResult::generatorCpuPerUpdate),
      new Row("answering clients' CPU per Read (µs)", false, "%,.0f", ServerResult::clientsCpuPerRead),
      new Row("Registers + Updates retransmitted (no ACK in time)", false, r -> r.retransmissions()));

  static {
    ROW_LABELS = ROWS.stream().map(Row::label).toList();
  }

  private ComparisonTable() {}

  /** The table, its settings line and its warnings, ready to print. */
  static String render(List<ServerResult> results, String settings) {
    StringBuilder out = new StringBuilder();
    out.append("| |");
    results.forEach(r -> out.append(' ').append(r.name()).append(" |"));
    out.append(" better |\n|---|");
    results.forEach(r -> out.append("---|"));
    out.append("---|\n");
    ServerResult reference = results.get(0);
    for (Row row : ROWS) {
      out.append("| ").append(row.label()).append(" |");
      double base = row.value().applyAsDouble(reference);
      for (ServerResult result : results) {
        double value = row.value().applyAsDouble(result);
        out.append(' ').append(String.format(Locale.ROOT, row.format(), value));
        if (result != reference && base > 0) {
          out.append(String.format(Locale.ROOT, " (%.2f×)", value / base));
        }
        out.append(" |");
      }
      out.append(row.higherIsBetter() ? " higher |\n" : " lower |\n");
    }
    out.append('\n').append(settings).append('\n');
    for (ServerResult r : results) {
      warnIfGeneratorBound(out, r.name(), "Register", r.generatorCpuPerRegister(), r.serverCpuPerRegister());
      warnIfGeneratorBound(out, r.name(), "Update", r.generatorCpuPerUpdate(), r.serverCpuPerUpdate());
      warnIfGeneratorBound(out, r.name(), "Read", r.clientsCpuPerRead(), r.serverCpuPerRead());
      if (r.retransmissions() > 0) {
        out.append(String.format(Locale.ROOT,
            "%n**Note:** %s: %,d measured Registers/Updates were retransmitted (no ACK within the 2–3 s ACK timeout): "
                + "requests were dropped or answered late, and the rates include those waits.%n", r.name(), r.retransmissions()));
      }
    }
    return out.toString();
  }

  private static void warnIfGeneratorBound(StringBuilder out, String server, String operation, double generator, double serverCpu) {
    if (generator > serverCpu) {
      out.append(String.format(Locale.ROOT,
          "%n**Warning:** %s, %s: the load side used more CPU per operation (%.0f µs) than the server (%.0f µs); "
              + "with both on this machine's cores the rate may be the generator's, not the server's.%n",
          server, operation, generator, serverCpu));
    }
  }
}
