package org.lwm2m4j.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.bootstrap.BootstrapListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.FileBootstrapConfigStore;
import org.lwm2m4j.server.security.InMemorySecurityStore;

/**
 * The whole chain through HTTP: a configuration PUT on the Bootstrap-Server's REST API, a client
 * bootstrapped with it registering with the server, the Bootstrap-Request Trigger executed through
 * the server's REST API, and the sessions recorded in the durable store.
 */
class BootstrapOverRestTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dataDir;

  private HttpResponse<String> call(String method, int port, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void configuredOverRestBootstrappedTriggeredAgainAndRecorded() throws Exception {
    InMemorySecurityStore bootstrapCredentials = new InMemorySecurityStore();
    BootstrapCredentials configs = new BootstrapCredentials(new FileBootstrapConfigStore(dataDir), bootstrapCredentials);
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0);
        BootstrapServer bootstrap = BootstrapServer.builder(ep -> configs.get(ep).map(BootstrapConfig::plan))
            .coapAddress(new InetSocketAddress("127.0.0.1", 0)).securityStore(bootstrapCredentials).start();
        BootstrapRestApi bootstrapRest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0)) {
      bootstrap.addListener(new org.lwm2m4j.server.bootstrap.config.SessionRecorder(configs, java.time.Clock.systemUTC()));
      String config = "{\"delete\":[\"/1\"],\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:"
          + server.coapAddress().getPort() + "\",\"lifetime\":60,\"binding\":\"U\",\"security\":{\"mode\":\"nosec\"}}]}";
      assertThat(call("PUT", bootstrapRest.port(), "/api/v1/bootstrap/configs/rest-dev", config).statusCode()).isEqualTo(201);

      BlockingQueue<String> bootstraps = new LinkedBlockingQueue<>();
      try (LwM2mClient client = LwM2mClient.builder("rest-dev").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .registrationSettings(new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
          .bootstrapServer(URI.create("coap://127.0.0.1:" + bootstrap.coapAddress().getPort()), new ClientCredentials.NoSec())
          .bootstrapListener(new BootstrapListener() {
            @Override
            public void finished() {
              bootstraps.add("finished");
            }
          })
          .start()) {
        assertThat(bootstraps.poll(20, TimeUnit.SECONDS)).isEqualTo("finished");
        await("rest-dev registering").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
            .until(() -> call("GET", rest.port(), "/api/v1/clients/rest-dev", "").statusCode() == 200);

        assertThat(call("POST", rest.port(), "/api/v1/clients/rest-dev/execute/1/0/9", "").statusCode()).isEqualTo(204);
        assertThat(bootstraps.poll(20, TimeUnit.SECONDS)).as("the trigger makes it bootstrap again").isEqualTo("finished");
      }
      String listed = call("GET", bootstrapRest.port(), "/api/v1/bootstrap/configs", "").body();
      assertThat(listed).contains("\"endpoint\":\"rest-dev\"").contains("\"outcome\":\"finished\"");
      assertThat(new FileBootstrapConfigStore(dataDir).lastSession("rest-dev")).as("recorded durably").isPresent();
    }
  }
}
