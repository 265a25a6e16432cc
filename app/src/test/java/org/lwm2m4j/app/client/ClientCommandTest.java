package org.lwm2m4j.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import picocli.CommandLine;

/**
 * {@code lwm2m client}: its options as parsed, and the real command run in this JVM against a
 * server on 127.0.0.1 ({@link ClientCommandRun}; the client binds 127.0.0.1 with
 * {@code --local-address}, never the wildcard address).
 */
class ClientCommandTest {
  private static LwM2mServer startServer() throws Exception {
    return LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
  }

  private static ClientCommandRun startClient(LwM2mServer server, String endpoint, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--server", "coap://127.0.0.1:" + server.coapAddress().getPort(),
        "--endpoint", endpoint, "--local-address", "127.0.0.1"));
    args.addAll(Arrays.asList(more));
    return ClientCommandRun.start(args.toArray(String[]::new));
  }

  private static Registration awaitRegistration(LwM2mServer server, String endpoint) {
    return await(endpoint + " registering").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint(endpoint), java.util.Optional::isPresent).orElseThrow();
  }

  private static CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(status, out.toString(), err.toString());
  }

  private record CliResult(int status, String out, String err) {}

  @Test
  void queueRegistersInQueueMode() throws Exception {
    try (LwM2mServer server = startServer(); ClientCommandRun client = startClient(server, "sleepy", "--queue")) {
      Registration registration = awaitRegistration(server, "sleepy");

      assertThat(registration.queueMode()).isTrue();
      assertThat(client.quit()).isZero();
    }
  }

  @Test
  void withoutQueueTheClientRegistersAwakeAndWithoutObjectItServesOnlyTheBuiltInOnes() throws Exception {
    try (LwM2mServer server = startServer(); ClientCommandRun client = startClient(server, "awake")) {
      assertThat(awaitRegistration(server, "awake").queueMode()).isFalse();

      client.type("create /3303");
      client.awaitOut("error: this client does not serve object 3303; start it with --object 3303");
      assertThat(client.quit()).isZero();
    }
  }

  @Test
  void anObjectOfTheModelsIsServedSoTheServerCreatesItsInstancesAndTheConsoleSetsTheirValues() throws Exception {
    try (LwM2mServer server = startServer(); ClientCommandRun client = startClient(server, "thermo", "--object", "3303")) {
      Registration registration = awaitRegistration(server, "thermo");
      assertThat(registration.objectLinksText()).contains("3303");

      LwM2mPath created = server.devices().create(registration, 3303,
          LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(20.0)), SingleResource.of(5701, Value.of("Cel"))),
          RequestOptions.DEFAULTS).get(15, TimeUnit.SECONDS);
      assertThat(created).isEqualTo(LwM2mPath.of(3303, 0));

      client.type("set /3303/0/5700 21.5");
      client.awaitOut("ok: /3303/0/5700 = 21.5");
      LwM2mNode value = server.devices().read(registration, LwM2mPath.of(3303, 0, 5700), RequestOptions.DEFAULTS).get(15, TimeUnit.SECONDS);

      assertThat(value).isEqualTo(SingleResource.of(5700, Value.ofFloat(21.5)));
      assertThat(client.quit()).isZero();
    }
  }

  @Test
  void anObjectOfAnOlderVersionIsServedAtThatVersion() throws Exception {
    // Event Log (20) is bundled at 1.0 and 2.0; the client implements the newest unless told otherwise
    try (LwM2mServer server = startServer(); ClientCommandRun client = startClient(server, "old", "--object", "20:1.0")) {
      Registration registration = awaitRegistration(server, "old");

      assertThat(registration.objectLinksText()).contains("</20").doesNotContain("ver=2.0");
      assertThat(client.quit()).isZero();
    }
  }

  @Test
  void anUnknownObjectIsAOneLineUsageErrorNamingTheKnownObjects() {
    CliResult result = run("client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1", "--object", "99999");

    assertThat(result.status()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(result.err().strip()).doesNotContain("\n").startsWith("client: --object 99999: no model for object 99999")
        .contains("--models-dir").contains("known objects: 0-");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void anUnknownVersionIsAOneLineUsageErrorNamingTheKnownVersions() {
    CliResult result = run("client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1", "--object", "3303:9.9");

    assertThat(result.status()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("--object 3303:9.9: object 3303 has no version 9.9; known versions: 1.");
  }

  @Test
  void aBuiltInOrMalformedObjectIsAUsageError() {
    assertThat(run("client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1", "--object", "3").err())
        .contains("objects 0-7 are built in");
    assertThat(run("client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1", "--object", "temp").err())
        .contains("--object takes ID[:VERSION], e.g. 3303 or 3303:1.1, got 'temp'");
    assertThat(run("client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1", "--object", "3303", "--object", "3303").err())
        .contains("object 3303 is given twice");
  }

  @Test
  void theHelpShowsWholeSummariesAndUnbrokenUrlsForEveryCommand() {
    String top = run("--help").out();
    assertThat(top).contains("client            Run a LwM2M client registered with --server, driven by commands typed on stdin.")
        .contains("(http://HOST:8080/api/v1/clients; https:// with --https-cert or --https-keystore) and web console (http://HOST:8080/).")
        .contains("(http://HOST:8081/api/v1/bootstrap/configs; https:// with --https-cert or --https-keystore) and web console (http://HOST:8081/).");
    String client = run("client", "--help").out();
    assertThat(client).contains("--queue").contains("--object=ID[:VER]")
        .contains("the LwM2M server, e.g. coap://127.0.0.1:5683 or, with credentials, coaps://127.0.0.1:5684")
        .contains("Commands: set PATH VALUE | create PATH [RID=VALUE...] | delete PATH | read PATH | send PATH... | update | list | quit");
    for (String command : List.of("server", "bootstrap-server", "client", "decode", "encode")) {
      String help = run(command, "--help").out();
      // a URL cut at its colon, or a description carried over to a line of its own (the synopsis's "[--option]" lines may be)
      assertThat(help).as(command).doesNotContainPattern("(https?|coaps?):\\s").doesNotContainPattern("\\n {20,}[^\\[\\s]");
    }
  }

  private static ClientCommand parse(String... args) {
    ClientCommand command = new ClientCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void registersWithLwM2m11UnlessToldOtherwise() {
    assertThat(parse("--endpoint", "dev1").lwm2mVersion()).isEqualTo(Version.V1_1);
    assertThat(parse("--endpoint", "dev1", "--lwm2m-version", "1.0").lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(parse("--endpoint", "dev1", "--lwm2m-version", "1.2").lwm2mVersion()).isEqualTo(Version.V1_2);

    StringWriter help = new StringWriter();
    new CommandLine(new ClientCommand()).usage(new PrintWriter(help));
    assertThat(help.toString()).contains("--lwm2m-version=V");
  }

  @Test
  void anLwM2mVersionOtherThan10To12IsAUsageError() {
    StringWriter err = new StringWriter();

    int status = Main.run(new String[] {"client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1",
        "--lwm2m-version", "1.3"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

    assertThat(status).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--lwm2m-version must be 1.0, 1.1 or 1.2, got '1.3'");
  }
}
