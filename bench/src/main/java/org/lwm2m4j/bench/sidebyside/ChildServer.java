package org.lwm2m4j.bench.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a {@link ServerProcess}: a child JVM with the parent's class path, driven
 * by command lines, whose CPU time the parent reads from the operating system.
 */
final class ChildServer implements AutoCloseable {
  private final Process process;
  private final PrintWriter commands;
  private final BufferedReader answers;
  private final int port;
  private final int coapsPort;
  private final int httpPort;

  private ChildServer(Process process) throws IOException {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = answers.readLine();
    // The JVM may print before the server is up (JFR's start message does): skip to "ready".
    for (int skipped = 0; line != null && !line.startsWith("ready ") && skipped < 20; skipped++) {
      line = answers.readLine();
    }
    String[] ready = expect(line, "ready");
    this.port = Integer.parseInt(ready[1]);
    this.coapsPort = Integer.parseInt(ready[2]);
    this.httpPort = Integer.parseInt(ready[3]);
  }

  /**
   * Starts {@code kind} in a new JVM with {@code heap} as its maximum heap, e.g. {@code 2g}. With
   * the system property {@code bench.jfr} naming a directory, the child records a JFR profile
   * there, named after {@code label}, with the JFR settings {@code bench.jfr.settings} names
   * (default {@code profile}; a {@code .jfc} file with a shorter sampling period gives more samples).
   */
  static ChildServer start(String kind, String heap, String label) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    String jfr = System.getProperty("bench.jfr", "");
    if (!jfr.isEmpty()) {
      java.nio.file.Files.createDirectories(Path.of(jfr));
      command.add("-XX:StartFlightRecording=settings=" + System.getProperty("bench.jfr.settings", "profile") + ",dumponexit=true,filename="
          + Path.of(jfr, label.replaceAll("[^A-Za-z0-9.-]+", "_") + ".jfr").toAbsolutePath());
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerProcess.class.getName());
    command.add(kind);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ChildServer(process);
  }

  int port() {
    return port;
  }

  /** The child JVM's process id, for diagnostic tools such as {@code jmap}. */
  long pid() {
    return process.pid();
  }

  int coapsPort() {
    return coapsPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** Sends one command and returns the words of its answer, which starts with the command's name. */
  String[] command(String line) throws IOException {
    commands.println(line);
    return expect(answers.readLine(), line.split(" ")[0]);
  }

  /** CPU time (user + system, every thread) the child has used so far. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("the operating system does not report the server process's CPU time"));
  }

  private String[] expect(String line, String word) throws IOException {
    if (line == null) {
      throw new IOException("the " + word + " answer never came: the server process ended (its errors are above)");
    }
    String[] words = line.split(" ");
    if (!words[0].equals(word)) {
      throw new IOException("the server process answered '" + line + "' to " + word);
    }
    return words;
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("quit");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
