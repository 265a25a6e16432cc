package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.server.ServerCommand;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A real client over {@code coaps} with a PSK, registered and observed, across restarts of the
 * real {@code lwm2m server} process: after a clean stop the server takes its DTLS sessions up
 * again and reaches the client at once, which keeps its registration and observation; after
 * {@code kill -9} the client's next Update is lost on the dead session, the client handshakes
 * again — a full handshake, a new security context — and registers again (Transport 1.1: a new
 * context needs a new Register), after which the server reaches it and observes again by itself what it observed before.
 */
class DtlsServerRestartTest {
  private static final String ENDPOINT = "restart-dtls";
  private static final String IDENTITY = "restart-dtls-id";
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final Duration WAIT = ServerProcess.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path workDir;

  private ServerProcess servers;

  @AfterEach
  void killWhatWasStarted() throws InterruptedException {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void aDtlsClientGoesOnWithItsSessionAfterACleanStop() throws Exception {
    survivesRestart(false);
  }

  @Test
  void aDtlsClientHandshakesAgainAndRegistersAgainAfterKillDashNine() throws Exception {
    survivesRestart(true);
  }

  private void survivesRestart(boolean kill) throws Exception {
    Path pskFile = workDir.resolve("psk.csv");
    Files.writeString(pskFile, ENDPOINT + "," + IDENTITY + "," + HexFormat.of().formatHex(KEY) + "\n");
    int coapsPort = ServerProcess.freeUdpPort();
    servers = new ServerProcess(workDir, List.of("--coaps-port", Integer.toString(coapsPort), "--psk-file", pskFile.toString(),
        "--unsecured", "deny"));
    Process first = servers.start("first");
    Semaphore registers = new Semaphore(0);
    // short CoAP timeouts: a request lost on the dead session is noticed within about a second
    try (LwM2mClient client = LwM2mClient.builder(ENDPOINT).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coaps://127.0.0.1:" + coapsPort), 1, 3600, new ClientCredentials.Psk(IDENTITY, KEY))
        .coapSettings(new CoapSettings(Duration.ofMillis(400), 1))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5), 0.9))
        .registrationListener(new RegistrationListener() {
          @Override
          public void registered(int shortServerId, String location) {
            registers.release();
          }
        })
        .start()) {
      String registrationId = servers.awaitClient(ENDPOINT).get("registrationId").asText();
      assertThat(registers.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> observed = servers.call("POST", "/api/v1/clients/" + ENDPOINT + "/observations/3/0/15", "");
      assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
      String token = JSON.readTree(observed.body()).get("token").asText();
      Path sessionFile = servers.dataDir().resolve(ServerCommand.DTLS_SESSION_FILE);

      ServerProcess.stop(first, kill);
      assertThat(Files.exists(sessionFile)).as("a clean stop keeps the DTLS sessions, a kill cannot").isEqualTo(!kill);
      servers.start("second");
      assertThat(sessionFile).as("the session secrets are deleted once taken up").doesNotExist();

      if (!kill) {
        servers.assertStillServed(ENDPOINT, registrationId, token);
        return;
      }
      // the client speaks first: its Update is dropped with the old session; the handshake before its
      // retransmission is a full one (the server lost the session), a new context, so a Register follows
      client.registrations().updateAll();
      assertThat(registers.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a Register after the new handshake").isTrue();
      JsonNode again = servers.json("GET", "/api/v1/clients/" + ENDPOINT);
      assertThat(again.get("registrationId").asText()).as("a new registration").isNotEqualTo(registrationId);
      HttpResponse<String> read = servers.call("GET", "/api/v1/clients/" + ENDPOINT + "/data/3/0", "");
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      // the server observes again by itself what it observed on the replaced registration, with a new token
      String[] newToken = new String[1];
      await("the observation made again on the new registration").atMost(WAIT).untilAsserted(() -> {
        JsonNode held = servers.json("GET", "/api/v1/clients/" + ENDPOINT + "/observations");
        assertThat(held).hasSize(1);
        assertThat(held.get(0).get("path").asText()).isEqualTo("/3/0/15");
        newToken[0] = held.get(0).get("token").asText();
        assertThat(newToken[0]).isNotEqualTo(token);
      });
      try (EventStreamReader events = EventStreamReader.connect(servers.http(), servers.events())) {
        HttpResponse<String> written = servers.call("PUT", "/api/v1/clients/" + ENDPOINT + "/data/3/0/15",
            "[{\"n\":\"/3/0/15\",\"vs\":\"Europe/Berlin\"}]");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
        EventStreamReader.Event notification = events.next("notification", data -> data.contains("Europe/Berlin"), WAIT);
        assertThat(JSON.readTree(notification.data()).get("token").asText()).as("on the new observation's token").isEqualTo(newToken[0]);
      }
    }
  }
}
