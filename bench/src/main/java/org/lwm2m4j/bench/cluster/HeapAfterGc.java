package org.lwm2m4j.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The used heap of another JVM after full collections, read with the JDK's {@code jcmd}: {@code GC.run}
 * twice (a full collection with G1, so what is left is live), then {@code GC.heap_info}.
 */
final class HeapAfterGc {
  /** G1's line: {@code garbage-first heap   total 262144K, used 12345K [0x…}; other collectors say the same. */
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private HeapAfterGc() {}

  /** Bytes of heap the JVM {@code pid} uses after full collections. */
  static long of(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    return usedBytes(jcmd(pid, "GC.heap_info"));
  }

  /**
   * The used heap in {@code GC.heap_info}'s answer, in bytes.
   *
   * @throws IllegalArgumentException when the answer has no heap line (another JDK's format)
   */
  static long usedBytes(String heapInfo) {
    Matcher matcher = HEAP_USED.matcher(heapInfo);
    if (!matcher.find()) {
      throw new IllegalArgumentException("jcmd GC.heap_info gave no 'heap total …K, used …K' line: " + heapInfo.strip());
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " failed (a JDK with jcmd is needed): " + output.strip());
    }
    return output;
  }
}
