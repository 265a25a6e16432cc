package org.lwm2m4j.app.simulate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.logging.LogLevel;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapSettings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m simulate}: a fleet of LwM2M clients in this JVM against one server, for load tests
 * and benchmarks: the {@link FleetPlan} from the options, the {@link Fleet} started at the ramp
 * rate, a {@link ProgressLine} each second, and a {@link SimulationSummary} at the end.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulate a fleet of LwM2M devices in one process, registering with --server, until --duration or Ctrl-C.",
        "Every device is a real client at its own 127.x.y.z address; stderr shows the progress each second, stdout a summary at the end."})
public final class SimulateCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the De-registers before the process ends anyway. */
  static final Duration INTERRUPT_BUDGET = Duration.ofSeconds(5);
  /** How long the end of {@code --duration} waits for the De-registers. */
  static final Duration DURATION_BUDGET = Duration.ofSeconds(30);
  private static final Pattern ONE_NUMBER = Pattern.compile("[^%]*(%%[^%]*)*%0?\\d*d([^%]*(%%[^%]*)*)");

  @Option(names = "--devices", required = true, paramLabel = "N", description = "how many devices")
  int devices;

  @Option(names = "--server", defaultValue = "coap://127.0.0.1:5683", paramLabel = "URI",
      description = "the LwM2M server (default ${DEFAULT-VALUE}); coaps://HOST:PORT with --psk-prefix and --psk-key")
  URI server;

  @Option(names = "--endpoint-pattern", defaultValue = "sim-%06d", paramLabel = "PATTERN",
      description = "endpoint names, %%d is the device number from 0 (default ${DEFAULT-VALUE})")
  String endpointPattern;

  @Option(names = "--lifetime", defaultValue = "300", paramLabel = "S",
      description = "registration lifetime in seconds; each device updates at 90 %% of it (default ${DEFAULT-VALUE})")
  long lifetime;

  @Option(names = "--rate", defaultValue = "2000", paramLabel = "R", description = "devices started per second during the ramp (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--psk-prefix", paramLabel = "P", description = "DTLS with pre-shared keys: device N's identity is P followed by N")
  String pskPrefix;

  @Option(names = "--psk-key", paramLabel = "HEX", description = "the pre-shared key of every device, in hexadecimal")
  String pskKey;

  @Option(names = "--queue", description = "register in queue mode (Q)")
  boolean queue;

  @Option(names = "--objects", defaultValue = "3,4,6,3303", split = ",", paramLabel = "ID",
      description = "objects every device serves besides Security and Server (default ${DEFAULT-VALUE}); 3, 4, 6 and 3303 have values "
          + "that move, other modelled objects are served empty")
  List<String> objects = new ArrayList<>();

  @Option(names = "--notify-interval", defaultValue = "10", paramLabel = "S",
      description = "each device changes battery, signal strength, position and temperature every S seconds, so observers are notified; "
          + "0: never (default ${DEFAULT-VALUE})")
  long notifyInterval;

  @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (default: run until Ctrl-C)")
  Long duration;

  @Option(names = "--no-deregister", description = "at the end, stop without De-registering: the server expires the registrations")
  boolean noDeregister;

  @Option(names = "--storm-at", paramLabel = "S",
      description = "a registration storm: S seconds after the start, every device started by then registers again, as after a power cut")
  Long stormAt;

  @Option(names = "--storm-within", defaultValue = "60", paramLabel = "S",
      description = "the storm's devices register again spread evenly over S seconds (default ${DEFAULT-VALUE})")
  long stormWithin;

  @Option(names = "--json", description = "make the last line of stdout the summary as one JSON object")
  boolean json;

  @Option(names = "--first-address", defaultValue = "127.1.0.1", paramLabel = "ADDRESS",
      description = "device 0's address; device N has the N-th address after it, skipping last octets 0 and 255 (default ${DEFAULT-VALUE})")
  String firstAddress;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  /**
   * The options, checked.
   *
   * @throws BadInputException naming the option that is wrong and what it takes
   */
  FleetPlan plan() {
    if (devices < 1) {
      throw new BadInputException("--devices must be at least 1, got " + devices);
    }
    if (lifetime < 1) {
      throw new BadInputException("--lifetime must be at least 1 second, got " + lifetime);
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new BadInputException("--rate must be a positive number of devices per second, got " + rate);
    }
    if (notifyInterval < 0) {
      throw new BadInputException("--notify-interval must be 0 (off) or a number of seconds, got " + notifyInterval);
    }
    if (duration != null && duration < 1) {
      throw new BadInputException("--duration must be at least 1 second, got " + duration);
    }
    if (stormAt != null && stormAt < 1) {
      throw new BadInputException("--storm-at must be at least 1 second, got " + stormAt);
    }
    if (stormWithin < 1) {
      throw new BadInputException("--storm-within must be at least 1 second, got " + stormWithin);
    }
    checkEndpointPattern();
    Optional<FleetPlan.PskPlan> psk = psk();
    checkServer(psk.isPresent());
    return new FleetPlan(devices, server, endpointPattern, lifetime, rate, psk, queue, objectIds(), Duration.ofSeconds(notifyInterval),
        Optional.ofNullable(duration).map(Duration::ofSeconds), !noDeregister, DeviceAddresses.from(firstAddress, devices, "--first-address"),
        Optional.ofNullable(stormAt).map(at -> new FleetPlan.Storm(Duration.ofSeconds(at), Duration.ofSeconds(stormWithin))));
  }

  private void checkEndpointPattern() {
    String example;
    try {
      example = String.format(endpointPattern, 0);
    } catch (IllegalFormatException e) {
      example = "";
    }
    if (example.isBlank() || !ONE_NUMBER.matcher(endpointPattern).matches()) {
      throw new BadInputException("--endpoint-pattern takes a name with one %d for the device number, e.g. sim-%06d, got '"
          + endpointPattern + "'");
    }
  }

  private Optional<FleetPlan.PskPlan> psk() {
    if ((pskPrefix == null) != (pskKey == null)) {
      throw new BadInputException("--psk-prefix and --psk-key go together: give both, or neither for plain coap://");
    }
    if (pskPrefix == null) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = HexFormat.of().parseHex(pskKey);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--psk-key must be hexadecimal, e.g. 000102030405060708090a0b0c0d0e0f, got '" + pskKey + "'");
    }
    if (key.length == 0 || key.length > 64) {
      throw new BadInputException("--psk-key must have 1..64 bytes, got " + key.length);
    }
    if (pskPrefix.isEmpty() || pskPrefix.length() > 100) {
      throw new BadInputException("--psk-prefix must have 1..100 characters");
    }
    return Optional.of(new FleetPlan.PskPlan(pskPrefix, key));
  }

  private void checkServer(boolean secure) {
    String given = "--server " + server + ": ";
    String scheme = server.getScheme();
    if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
      throw new BadInputException(given + "write coap://HOST[:PORT] or, with --psk-prefix and --psk-key, coaps://HOST[:PORT]");
    }
    if (server.getHost() == null || server.getHost().isEmpty()) {
      throw new BadInputException(given + "no host: write " + scheme + "://HOST[:PORT], e.g. " + scheme + "://127.0.0.1");
    }
    if ("coaps".equals(scheme) && !secure) {
      throw new BadInputException(given + "coaps:// needs --psk-prefix and --psk-key, or use coap://");
    }
    if ("coap".equals(scheme) && secure) {
      throw new BadInputException(given + "--psk-prefix and --psk-key need a coaps:// server");
    }
  }

  private List<Integer> objectIds() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    List<Integer> ids = new ArrayList<>();
    for (String text : objects) {
      int id;
      try {
        id = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw new BadInputException("--objects takes object ids separated by commas, e.g. 3,4,6,3303, got '" + text + "'");
      }
      if (id == 0 || id == 1) {
        throw new BadInputException("--objects " + id + ": Security (0) and Server (1) are always served; leave them out");
      }
      if (models.objectModel(id).isEmpty()) {
        throw new BadInputException("--objects " + id + ": no bundled model for object " + id);
      }
      if (ids.contains(id)) {
        throw new BadInputException("--objects " + id + ": given twice");
      }
      ids.add(id);
    }
    return ids;
  }

  @Override
  public Integer call() throws InterruptedException {
    FleetPlan plan = plan();
    long cpuAtStart = processCpuNanos();
    long startNanos = System.nanoTime();
    quietPerDeviceLines();
    try (SystemScheduler scheduler = SystemScheduler.create("lwm2m-simulate");
        FleetTransport transport = FleetTransport.open(devices, plan.psk().isPresent(), CoapSettings.DEFAULTS, scheduler)) {
      return run(plan, transport, scheduler, cpuAtStart, startNanos);
    } finally {
      restoreClientLevel();
    }
  }

  private int run(FleetPlan plan, FleetTransport transport, Scheduler scheduler, long cpuAtStart, long startNanos)
      throws InterruptedException {
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    FleetCounters counters = new FleetCounters();
    Fleet fleet = new Fleet(plan, transport, scheduler, counters);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
    Thread hook = new Thread(() -> {
      interrupted.set(true);
      stop.countDown();
      try {
        finished.await(INTERRUPT_BUDGET.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lwm2m-simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ProgressLine progress = new ProgressLine(err, System.console() != null, plan.devices(), System.nanoTime());
    err.println("lwm2m simulate: " + plan.devices() + " devices from " + plan.addresses().of(0).getHostAddress() + " to " + plan.server()
        + " at " + Math.round(plan.rate()) + "/s (" + transport.describe() + ")" + plan.duration().map(d -> " for " + d.toSeconds() + " s").orElse(
            "; Ctrl-C stops"));
    Scheduler.Task printer = scheduler.repeat(Duration.ofSeconds(1), Duration.ofSeconds(1),
        () -> progress.print(fleet, counters, System.nanoTime()));
    Optional<Scheduler.Task> timer = plan.duration().map(d -> scheduler.schedule(d, stop::countDown));
    try {
      fleet.scheduleStorm();
      fleet.ramp(stop);
      try {
        stop.await();
      } catch (InterruptedException e) {
        // the thread running the command was interrupted (a test, a program embedding it): stop as on Ctrl-C,
        // without waiting for answers, so that every device's socket and threads are released
        interrupted.set(true);
        Thread.currentThread().interrupt();
      }
      printer.cancel();
      timer.ifPresent(Scheduler.Task::cancel);
      progress.print(fleet, counters, System.nanoTime());
      progress.finish();
      if (fleet.failedToStart() > 0) {
        err.println("lwm2m simulate: " + fleet.failedToStart() + " devices could not bind their address (in use?); counted as failed");
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      int registered = Fleet.registered(fleet.states());
      if (plan.deregister()) {
        Duration budget = interrupted.get() ? INTERRUPT_BUDGET : DURATION_BUDGET;
        err.println("lwm2m simulate: stopping, de-registering " + registered + " devices (at most " + budget.toSeconds() + " s)");
        if (!fleet.stop(true, budget)) {
          err.println("lwm2m simulate: not every De-register was answered in time; the server expires those registrations");
        }
      } else {
        fleet.stop(false, Duration.ZERO);
      }
      LatencyHistogram latency = counters.registrationLatency;
      SimulationSummary summary = new SimulationSummary(plan.devices(), registered, plan.devices() - registered,
          counters.registrationsPerSecond(), counters.updates.sum(), counters.failedAttempts.sum(), counters.requestsAnswered.sum(),
          counters.notificationsSent.sum(), counters.deregistered.sum(), latency.percentileMillis(0.5), latency.percentileMillis(0.99),
          seconds, (processCpuNanos() - cpuAtStart) / 1e9, transport.describe(), counters.stormRegistered.sum(), counters.stormSeconds());
      if (json) {
        err.println(summary.toText());
        out.println(summary.toJson());
      } else {
        out.println(summary.toText());
      }
      out.flush();
      if (registered == 0 && counters.everRegistered.sum() == 0) {
        err.println("lwm2m simulate: no device registered; is a LwM2M server listening at " + plan.server() + "?");
        return 1;
      }
      return 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for `finished`
      }
    }
  }

  /** Guards {@link #runningInThisJvm} and {@link #clientLevelBeforeAll}: simulations may run side by side in one JVM (tests). */
  private static final Object LOG_LEVEL_LOCK = new Object();
  private static int runningInThisJvm;
  private static Level clientLevelBeforeAll;

  /**
   * Per-device lines (registered, de-registered, each failed attempt) would be a hundred thousand
   * lines; the progress line counts them instead. At INFO the client library says only warnings;
   * {@code -v} brings the lines back. The level is given back when the last simulation of this JVM
   * ends, not when the first does, which would bring every line back for the others.
   */
  private void quietPerDeviceLines() {
    LogLevel level = logging.effective();
    level.toldByTheCommand(RegistrationListener.ATTEMPTS_LOGGER);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      ch.qos.logback.classic.Logger clientLogger = context.getLogger("org.lwm2m4j.client");
      synchronized (LOG_LEVEL_LOCK) {
        if (runningInThisJvm++ == 0) {
          clientLevelBeforeAll = clientLogger.getLevel();
        }
        if (level == LogLevel.INFO) {
          clientLogger.setLevel(Level.WARN);
        }
      }
    }
  }

  private static void restoreClientLevel() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      synchronized (LOG_LEVEL_LOCK) {
        if (--runningInThisJvm == 0) {
          context.getLogger("org.lwm2m4j.client").setLevel(clientLevelBeforeAll);
        }
      }
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
