package org.lwm2m4j.app.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.app.Main;

/** {@code lwm2m simulate …} running in this JVM on a thread of its own; its stdout and stderr read back. */
final class SimulateRun {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();

  private SimulateRun(String... args) {
    Thread thread = new Thread(() -> {
      try {
        status.complete(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
      } catch (Throwable e) {
        status.completeExceptionally(e);
      }
    }, "lwm2m-simulate-command");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts {@code lwm2m simulate args…}. */
  static SimulateRun start(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    return new SimulateRun(all);
  }

  /** Runs {@code lwm2m simulate args…} to its end: the exit status. */
  static SimulateRun finished(String... args) throws Exception {
    SimulateRun run = start(args);
    run.exitStatus(60);
    return run;
  }

  /** Waits for {@code condition}; when it does not come, the failure shows what the simulator printed. */
  void await(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      Awaitility.await(what).atMost(atMost).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\nsimulate's stderr:\n" + err, e);
    }
  }

  /** Waits at most {@code seconds} for the command to end. */
  int exitStatus(long seconds) throws Exception {
    return status.get(seconds, TimeUnit.SECONDS);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** The last line of stdout, parsed as JSON. */
  JsonNode summary() throws Exception {
    List<String> lines = out.toString().lines().toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }
}
