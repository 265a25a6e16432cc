package org.lwm2m4j.app;

import java.io.PrintWriter;
import org.lwm2m4j.app.payload.DecodeCommand;
import org.lwm2m4j.app.payload.EncodeCommand;
import org.lwm2m4j.app.bootstrap.BootstrapServerCommand;
import org.lwm2m4j.app.client.ClientCommand;
import org.lwm2m4j.app.server.ServerCommand;
import org.lwm2m4j.app.simulate.SimulateCommand;
import org.lwm2m4j.app.smsc.SmscCommand;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.error.LwM2mException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lwm2m} command line. Exit status: 0 success, 1 a runtime failure (I/O, a port in
 * use, a file that cannot be read) with a one-line message on stderr, 2 bad input (a malformed
 * payload, path or option) with a one-line message and where to read on ({@code --help}), never
 * the whole help or a stack trace.
 */
@Command(
    name = "lwm2m",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "lwm2m4j: OMA Lightweight M2M server, client, bootstrap server, fleet simulator, SMSC simulator and payload tools.",
    subcommands = {ServerCommand.class, BootstrapServerCommand.class, ClientCommand.class, SimulateCommand.class, SmscCommand.class, DecodeCommand.class, EncodeCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit status for input the user can fix: bad payload, path, format or option. */
  public static final int EXIT_BAD_INPUT = 2;

  /**
   * Help lines are not wrapped at 80 columns: picocli breaks a line after the colon of a URL
   * ("http:" / "//HOST:8080") and inside option lists, which makes them impossible to copy.
   * A terminal narrower than this folds the long lines itself, without breaking words.
   */
  static final int HELP_WIDTH = 250;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams and returns the exit status (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setUsageHelpWidth(HELP_WIDTH);
    commandLine.setUsageHelpLongOptionsMaxWidth(40);
    commandLine.setParameterExceptionHandler((e, ignoredArgs) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println(cmd.getCommandName() + ": " + oneLine(e.getMessage()));
      cmd.getErr().println(seeHelp(cmd));
      return EXIT_BAD_INPUT;
    });
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      if (e instanceof BadInputException && StartupFailure.isEnvironmental(e)) {
        // a file or directory named right that cannot be used: not a usage mistake, no help to read
        cmd.getErr().println(cmd.getCommandName() + ": " + StartupFailure.clean(oneLine(e.getMessage())));
        return 1;
      }
      if (e instanceof BadInputException) {
        cmd.getErr().println(cmd.getCommandName() + ": " + oneLine(e.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return EXIT_BAD_INPUT;
      }
      if (e instanceof LwM2mException) {
        cmd.getErr().println(cmd.getCommandName() + ": " + oneLine(e.getMessage()));
        return EXIT_BAD_INPUT;
      }
      // a failure at run time (a port in use, a file that cannot be read): what went wrong, not where in the code
      cmd.getErr().println(cmd.getCommandName() + ": " + StartupFailure.describe(e));
      return 1;
    });
    return commandLine.execute(args);
  }

  /** "Run 'lwm2m client --help' for usage.": where a user who made a usage mistake reads on. */
  static String seeHelp(CommandLine cmd) {
    return "Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.";
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** Reports the version the jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lwm2m4j " + (version == null ? "development build" : version)};
    }
  }
}
