package org.lwm2m4j.app.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lwm2m server}: the LwM2M server. The CoAP server lands with the server issue; until then this says so. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the LwM2M server (CoAP, REST API, events). Not yet available in this build.")
public final class ServerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(
        "lwm2m server: not yet available in this build; the payload tools are: lwm2m decode, lwm2m encode");
    return 1;
  }
}
