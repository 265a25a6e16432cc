package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.LwM2mClient;

/**
 * The acceptance test of the SQLite store: the real {@code lwm2m server} runs as a separate
 * process with {@code --data-dir}; 1,000 clients register over UDP (raw CoAP Registers, plus one
 * real client with an observation), the process is killed ({@code kill -9}) or stopped (SIGTERM)
 * and started again on the same ports and directory. Every acknowledged registration is there,
 * the real client is reachable without registering again, and its notification on the restored
 * token arrives on the event stream.
 */
class ServerRestartTest {
  private static final int RAW_CLIENTS = 999;
  private static final String REAL = "restart-real";
  private static final Duration WAIT = ServerProcess.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

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
  void acknowledgedRegistrationsAndObservationsSurviveKillDashNine() throws Exception {
    survivesRestart(true);
  }

  @Test
  void acknowledgedRegistrationsAndObservationsSurviveACleanStop() throws Exception {
    survivesRestart(false);
  }

  private void survivesRestart(boolean kill) throws Exception {
    servers = new ServerProcess(workDir, List.of("--coaps-port", "-1"));
    int coapPort = servers.coapPort();
    Process first = servers.start("first");
    try (LwM2mClient real = LwM2mClient.builder(REAL).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + coapPort), 1, 3600).start()) {
      registerRawClients();
      assertKeptFromOtherUsers(servers.dataDir());
      JsonNode registered = servers.awaitClient(REAL);
      String registrationId = registered.get("registrationId").asText();
      HttpResponse<String> observed = servers.call("POST", "/api/v1/clients/" + REAL + "/observations/3/0/15", "");
      assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
      String token = JSON.readTree(observed.body()).get("token").asText();

      ServerProcess.stop(first, kill);
      servers.start("second");

      JsonNode clients = servers.json("GET", "/api/v1/clients?limit=1000");
      assertThat(clients.has("next")).isFalse();
      List<String> endpoints = clients.path("clients").findValuesAsText("endpoint");
      assertThat(endpoints).hasSize(RAW_CLIENTS + 1).contains(REAL, "raw-0", "raw-" + (RAW_CLIENTS - 1));
      assertThat(servers.json("GET", "/api/v1/clients/" + REAL + "/observations").findValuesAsText("token")).contains(token);
      servers.assertStillServed(REAL, registrationId, token);
    }
  }

  /** The data directory the server created, and the database and its write-ahead log in it, are the owner's alone. */
  private static void assertKeptFromOtherUsers(Path dataDir) throws IOException {
    if (!Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
      return;
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    for (String file : List.of("lwm2m4j.db", "lwm2m4j.db-wal")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file).isEqualTo("rw-------");
    }
  }

  /** Sends {@value #RAW_CLIENTS} Registers, at most 100 at a time, and waits until each was answered 2.01. */
  private void registerRawClients() throws Exception {
    Configuration config = Configuration.createStandardWithoutFile();
    CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
        .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
    endpoint.start();
    try {
      Semaphore window = new Semaphore(100);
      List<CompletableFuture<Void>> answers = new ArrayList<>();
      for (int i = 0; i < RAW_CLIENTS; i++) {
        window.acquire();
        CompletableFuture<Void> created = new CompletableFuture<>();
        created.whenComplete((ok, failure) -> window.release());
        Request register = Request.newPost();
        register.setURI("coap://127.0.0.1:" + servers.coapPort() + "/rd?ep=raw-" + i + "&lt=3600&lwm2m=1.1&b=U");
        register.getOptions().setContentFormat(40);
        register.setPayload("</1/0>,</3/0>");
        register.addMessageObserver(new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            if (response.getCode() == CoAP.ResponseCode.CREATED) {
              created.complete(null);
            } else {
              created.completeExceptionally(new IOException("Register answered " + response.getCode()));
            }
          }

          @Override
          public void onTimeout() {
            created.completeExceptionally(new TimeoutException("Register not answered"));
          }
        });
        endpoint.sendRequest(register);
        answers.add(created);
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      endpoint.destroy();
    }
  }
}
