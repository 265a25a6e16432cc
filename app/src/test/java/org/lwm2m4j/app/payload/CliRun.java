package org.lwm2m4j.app.payload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.lwm2m4j.app.Main;

/** One run of the command line in this JVM: its exit status and what it printed. */
record CliRun(int status, String out, String err) {
  /** Runs {@code lwm2m args…} with {@code stdin} as standard input. */
  static synchronized CliRun withStdin(String stdin, String... args) {
    InputStream original = System.in;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
      return new CliRun(status, out.toString().strip(), err.toString().strip());
    } finally {
      System.setIn(original);
    }
  }

  static CliRun run(String... args) {
    return withStdin("", args);
  }
}
