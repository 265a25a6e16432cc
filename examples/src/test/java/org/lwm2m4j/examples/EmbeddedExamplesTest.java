package org.lwm2m4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;

/** The README's snippets run against each other over UDP on 127.0.0.1, on ports the system picks. */
class EmbeddedExamplesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void embeddedServerReadsAndObservesTheEmbeddedClient() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    StoredInstance sensor = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
    try (LwM2mServer server = EmbeddedServer.start(new InetSocketAddress("127.0.0.1", 0), out::add);
        LwM2mClient client = EmbeddedClient.start(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()),
            new InetSocketAddress("127.0.0.1", 0), sensor)) {
      await().atMost(PATIENCE).until(() -> out.contains("dev1 manufacturer lwm2m4j"));
      await().atMost(PATIENCE).until(() -> server.registrations().store().byEndpoint("dev1")
          .map(Registration::id).map(id -> !server.observations().observationsOf(id).isEmpty()).orElse(false));

      sensor.set(5700, Value.ofFloat(22.5));

      await().atMost(PATIENCE).until(() -> out.contains("dev1 /3303/0/5700 = 22.5"));
      assertThat(out).noneMatch(line -> line.contains("cannot be observed"));
    }
  }

  @Test
  void codecExampleTurnsTlvIntoSenmlJson() {
    String senml = CodecExample.toSenmlJson(HexFormat.of().parseHex("88070842000ed842011388"), LwM2mPath.parse("/3/0/7"));

    assertThat(senml).contains("3800").contains("5000").contains("/3/0/7");
  }

  @Test
  void codecExampleRunsAsAProgram() {
    CodecExample.main(new String[0]);
  }
}
