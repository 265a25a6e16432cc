package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code lwm2m server} restarted with a shorter {@code --psk-file} on the same SQLite data
 * directory: the credential whose line was removed is revoked and logged, the one added through
 * the REST API is kept.
 */
class PskFileRevocationTest {
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";

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
  void aLineRemovedFromThePskFileIsRevokedAtTheNextStartAndAnApiCredentialIsKept() throws Exception {
    Path pskFile = workDir.resolve("psk.csv");
    Files.writeString(pskFile, "dev1,dev1-id," + KEY + "\ndev2,dev2-id," + KEY + "\n");
    servers = new ServerProcess(workDir, List.of("--coaps-port", Integer.toString(ServerProcess.freeUdpPort()),
        "--psk-file", pskFile.toString()));
    Process first = servers.start("first");
    assertThat(endpoints()).containsExactly("dev1", "dev2");
    HttpResponse<String> added = servers.call("PUT", "/api/v1/security/clients/dev-api",
        "{\"mode\":\"psk\",\"identity\":\"dev-api-id\",\"key\":\"" + KEY + "\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    ServerProcess.stop(first, false);

    Files.writeString(pskFile, "dev1,dev1-id," + KEY + "\n");
    servers.start("second");

    assertThat(endpoints()).containsExactly("dev-api", "dev1");
    assertThat(servers.json("GET", "/api/v1/security/clients/dev1").get("origin").asText()).isEqualTo("psk-file");
    assertThat(servers.json("GET", "/api/v1/security/clients/dev-api").get("origin").asText()).isEqualTo("api");
    assertThat(servers.call("GET", "/api/v1/security/clients/dev2", "").statusCode()).isEqualTo(404);
    String log = Files.readString(servers.dataDir().resolveSibling("server-second.log"));
    assertThat(log).contains("revoked the psk credentials of 'dev2'").contains("1 PSK client(s) loaded, 1 revoked");
  }

  private List<String> endpoints() throws Exception {
    List<String> endpoints = new ArrayList<>();
    for (JsonNode credential : servers.json("GET", "/api/v1/security/clients")) {
      endpoints.add(credential.get("endpoint").asText());
    }
    return endpoints;
  }
}
