package org.lwm2m4j.app.client;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.app.Main;

/**
 * {@code lwm2m client …} running in this JVM on a thread of its own, as from a terminal: lines
 * typed on its stdin, its stdout and stderr read back. {@link #close} types {@code quit} and waits
 * for the command to end. Standard input is the JVM's, so one at a time (surefire runs test classes
 * one after the other in this module).
 */
final class ClientCommandRun implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final PipedOutputStream stdin = new PipedOutputStream();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();
  private final InputStream original = System.in;

  private ClientCommandRun(String... args) throws IOException {
    // large enough that typing never blocks on a console that is busy
    PipedInputStream console = new PipedInputStream(stdin, 64 * 1024);
    System.setIn(console);
    Thread thread = new Thread(() -> {
      try {
        status.complete(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
      } catch (Throwable e) {
        status.completeExceptionally(e);
      }
    }, "lwm2m-client-command");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts {@code lwm2m client args…}. */
  static ClientCommandRun start(String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = "client";
    System.arraycopy(args, 0, all, 1, args.length);
    return new ClientCommandRun(all);
  }

  /** Types one console line. */
  void type(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Waits until the console printed a line containing {@code text}. */
  void awaitOut(String text) {
    await("the console printing " + text).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> out.toString().contains(text));
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Types {@code quit} and returns the exit status. */
  int quit() throws Exception {
    try {
      type("quit");
      return status.get(15, TimeUnit.SECONDS);
    } finally {
      System.setIn(original);
    }
  }

  @Override
  public void close() throws Exception {
    if (!status.isDone()) {
      quit();
    }
    System.setIn(original);
  }
}
