package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line: devices by state and what they did, one line each second when stderr is not a terminal. */
class ProgressLineTest {
  @Test
  void aDeviceWithAnUpdateOnTheWireCountsAsRegisteredAndAsUpdating() {
    Map<SimulatedDevice.State, Integer> states = new EnumMap<>(SimulatedDevice.State.class);
    states.put(SimulatedDevice.State.REGISTERING, 1);
    states.put(SimulatedDevice.State.REGISTERED, 5);
    states.put(SimulatedDevice.State.UPDATING, 2);
    states.put(SimulatedDevice.State.FAILING, 1);
    states.put(SimulatedDevice.State.DEREGISTERED, 0);
    FleetCounters counters = new FleetCounters();
    counters.updates.add(4);
    counters.requestsAnswered.add(9);
    counters.registrationLatency.record(10_000_000);

    String line = ProgressLine.format(10, 9, states, counters, 12);

    assertThat(line).startsWith("simulate: 7/10 registered, 1 registering, 2 updating, 1 failing, 9 started, 4 updates, 9 answered, "
        + "12 notifications/s, latency p50 ");
  }

  @Test
  void withoutATerminalEachPrintIsALineOfItsOwn() {
    StringWriter err = new StringWriter();
    ProgressLine progress = new ProgressLine(new PrintWriter(err), false, 3, 0);
    SimulateCommand command = new SimulateCommand();
    new picocli.CommandLine(command).parseArgs("--devices", "3");
    org.lwm2m4j.core.schedule.VirtualScheduler scheduler = new org.lwm2m4j.core.schedule.VirtualScheduler();
    try (FleetTransport transport = FleetTransport.open(3, false, org.lwm2m4j.transport.CoapSettings.DEFAULTS, scheduler)) {
      Fleet fleet = new Fleet(command.plan(), transport, scheduler, new FleetCounters());

      progress.print(fleet, new FleetCounters(), 1_000_000_000L);
      progress.print(fleet, new FleetCounters(), 2_000_000_000L);
      progress.finish();
    }

    assertThat(err.toString().lines()).hasSize(2).allMatch(line -> line.startsWith("simulate: 0/3 registered"));
    assertThat(err.toString()).doesNotContain("\r");
  }
}
