package org.lwm2m4j.app.smsc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.logging.LogLevel;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.transport.sms.smsc.Smsc;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m smsc}: an SMPP 3.4 SMSC simulator that routes SMS between the ESMEs bound to it
 * (an LwM2M server and clients with the SMS binding) by MSISDN, with switches for loss, duplicate
 * delivery and delay, logging one line per SMS. Runs until interrupted.
 */
@Command(name = "smsc", mixinStandardHelpOptions = true,
    description = {"Run an SMPP 3.4 SMSC simulator: ESMEs bind with their MSISDN as address_range, and each submit_sm goes as a deliver_sm "
        + "to the ESME bound for its destination (kept until one binds, at most --store-time).",
        "One log line per SMS. Stop it with Ctrl-C."})
public final class SmscCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "2775", paramLabel = "PORT", description = "TCP port for SMPP (default ${DEFAULT-VALUE}; 0 a free one)")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
  String host;

  @Option(names = "--loss", defaultValue = "0", paramLabel = "P", description = "drop each SMS with probability P, 0 to 1 (default ${DEFAULT-VALUE})")
  double loss;

  @Option(names = "--duplicate", defaultValue = "0", paramLabel = "P",
      description = "deliver each SMS twice with probability P, 0 to 1 (default ${DEFAULT-VALUE})")
  double duplicate;

  @Option(names = "--delay", defaultValue = "0", paramLabel = "MS", description = "hold every SMS MS milliseconds before delivery (default ${DEFAULT-VALUE})")
  long delayMillis;

  @Option(names = "--store-time", defaultValue = "60", paramLabel = "S",
      description = "keep an SMS for a number no ESME has bound S seconds, then drop it; 0 drops it at once (default ${DEFAULT-VALUE})")
  long storeSeconds;

  @Option(names = "--system-id", paramLabel = "ID", description = "accept only binds with this system_id (default: any)")
  String systemId;

  @Option(names = "--password", paramLabel = "PW", description = "accept only binds with this password (default: any)")
  String password;

  @Option(names = "--seed", paramLabel = "N", description = "seed of the loss and duplicate choices, to repeat a run (default: a new one each start)")
  Long seed;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  /**
   * The options, checked.
   *
   * @throws BadInputException naming the option that is wrong and what it takes
   */
  SmscSettings settings() {
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port must be 0 (a free one) to 65535, got " + port);
    }
    if (host.isBlank()) {
      throw new BadInputException("--host takes an address to listen on, e.g. 127.0.0.1");
    }
    checkProbability("--loss", loss);
    checkProbability("--duplicate", duplicate);
    if (delayMillis < 0) {
      throw new BadInputException("--delay must be 0 or a number of milliseconds, got " + delayMillis);
    }
    if (storeSeconds < 0) {
      throw new BadInputException("--store-time must be 0 or a number of seconds, got " + storeSeconds);
    }
    checkCredential("--system-id", systemId, 15);
    checkCredential("--password", password, 8);
    SmscSettings settings = new SmscSettings(host, port, loss, duplicate, Duration.ofMillis(delayMillis), java.util.Optional.ofNullable(systemId),
        java.util.Optional.ofNullable(password), Duration.ofSeconds(storeSeconds), java.util.OptionalLong.empty());
    return seed == null ? settings : settings.withSeed(seed);
  }

  private static void checkProbability(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new BadInputException(option + " takes a probability from 0 to 1, e.g. 0.1 for 10 %, got " + value);
    }
  }

  /** SMPP 3.4 §5.2.1–2: system_id at most 15 characters, password at most 8. */
  private static void checkCredential(String option, String value, int maxLength) {
    if (value != null && (value.isEmpty() || value.length() > maxLength)) {
      throw new BadInputException(option + " takes 1 to " + maxLength + " characters (SMPP 3.4), got " + value.length());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    SmscSettings settings = settings();
    quietJsmpp();
    Smsc smsc;
    try {
      smsc = Smsc.start(settings);
    } catch (IOException e) {
      spec.commandLine().getErr().println("lwm2m smsc: cannot listen on tcp " + host + ":" + port + ": " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      smsc.close();
      stopped.countDown();
    }, "lwm2m-smsc-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    spec.commandLine().getErr().println(describe(settings, smsc.port()));
    try {
      stopped.await();
    } finally {
      // interrupted (a test, an embedding program): stop here, and the hook need not run at exit
      smsc.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running
      }
    }
    return 0;
  }

  /** The line that says the SMSC is up and how it treats SMS. */
  static String describe(SmscSettings settings, int port) {
    return "SMSC listening on " + settings.host() + ":" + port + " (SMPP 3.4), loss " + percent(settings.lossProbability()) + ", duplicates "
        + percent(settings.duplicateProbability()) + ", delay " + settings.delay().toMillis() + " ms, SMS for unbound numbers kept "
        + settings.storeFor().toSeconds() + " s, binds " + (settings.systemId().isEmpty() && settings.password().isEmpty() ? "with any credentials"
            : "checked (" + settings.systemId().map(id -> "system_id " + id).orElse("any system_id") + ", "
                + (settings.password().isPresent() ? "password" : "any password") + ")") + "; Ctrl-C stops";
  }

  private static String percent(double probability) {
    return String.format(Locale.ROOT, "%s %%", new java.math.BigDecimal(Double.toString(probability * 100)).stripTrailingZeros().toPlainString());
  }

  /**
   * jSMPP says INFO for every connection and PDU reader it starts; the SMSC's own lines say what
   * matters. Quiet below WARN unless {@code -v} or {@code --log-level} asks for DEBUG or TRACE.
   */
  private void quietJsmpp() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && logging.effective().ordinal() > LogLevel.DEBUG.ordinal()) {
      context.getLogger("org.jsmpp").setLevel(Level.WARN);
    }
  }
}
