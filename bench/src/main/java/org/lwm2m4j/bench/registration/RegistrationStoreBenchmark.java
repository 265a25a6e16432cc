package org.lwm2m4j.bench.registration;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Register and Update throughput of the in-memory store alone, on a store holding 100,000
 * registrations, with two threads (this machine's core count) working on random devices.
 *
 * <pre>java -jar bench/target/benchmarks.jar RegistrationStoreBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Threads(2)
public class RegistrationStoreBenchmark {
  private static final int DEVICES = 100_000;

  private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
  private Registration[] devices;
  private Instant now;

  @Setup
  public void fill() {
    now = Instant.now();
    devices = new Registration[DEVICES];
    for (int i = 0; i < DEVICES; i++) {
      devices[i] = RegistrationFleet.device(i, now);
      store.add(devices[i]);
    }
  }

  /** A device registers again (replacing its registration). */
  @Benchmark
  public Object register() {
    return store.add(devices[ThreadLocalRandom.current().nextInt(DEVICES)]);
  }

  /** A device sends an Update with no parameters, renewing its lifetime. */
  @Benchmark
  public Object update() {
    Registration device = devices[ThreadLocalRandom.current().nextInt(DEVICES)];
    return store.update(RegistrationUpdate.renew(device.id(), device.address(), now));
  }
}
