package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a fleet costs the process in descriptors and threads, and the refusal when it does not fit. */
class FleetTransportTest {
  /** What this machine's test runs have: ulimit -n 20,000 and kernel.pid_max 32,768, less what else runs. */
  private static final long DESCRIPTORS = 19_000;
  private static final long THREADS = 30_000;

  @Test
  void plainDevicesOnTheFleetSocketCostNoDescriptorOrThread() {
    assertThat(FleetTransport.refusal(1_000_000, false, true, 0, 0)).isEmpty();
  }

  @Test
  void fiveThousandPskDevicesFitInOneProcess() {
    // a DTLS socket and its receiver thread each: at 6 threads per device they needed 30,000 threads
    assertThat(FleetTransport.refusal(5_000, true, true, DESCRIPTORS, THREADS)).isEmpty();
    assertThat(FleetTransport.refusal(19_000, true, true, DESCRIPTORS, THREADS)).isEmpty();
  }

  @Test
  void aPskFleetBeyondTheOpenFileLimitIsRefusedWithTheLimitToRaise() {
    assertThat(FleetTransport.refusal(25_000, true, true, DESCRIPTORS, THREADS)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("--devices 25000", "1 socket(s) and 1 thread(s) per device", "at most 19000 devices", "ulimit -Hn", "at least 25320"));
  }

  @Test
  void aPskFleetBeyondTheThreadsLeftIsRefusedNamingPidMax() {
    assertThat(FleetTransport.refusal(5_000, true, true, DESCRIPTORS, 4_000)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("at most 4000 devices", "kernel.pid_max"));
  }

  @Test
  void withoutTheFleetSocketEachDeviceHasAUdpSocketWithTwoThreads() {
    assertThat(FleetTransport.refusal(9_500, false, false, DESCRIPTORS, THREADS)).isEmpty();
    assertThat(FleetTransport.refusal(9_501, true, false, DESCRIPTORS, THREADS)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("--devices 9501", "2 socket(s) and 3 thread(s) per device", "at most 9500 devices"));
  }
}
