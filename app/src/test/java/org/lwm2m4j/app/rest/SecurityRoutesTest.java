package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.server.security.X509Security;

/** {@code /api/v1/security/…} over real HTTP on 127.0.0.1, backed by an in-memory store the test can see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final InMemorySecurityStore store = new InMemorySecurityStore();
  private LwM2mServer server;
  private RestApi api;

  @BeforeAll
  void start() throws IOException {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    api = RestApi.start(server, "127.0.0.1", 0, store, ServerCredentials.none());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void emptyStore() {
    store.all().forEach(info -> store.remove(info.endpoint()));
  }

  @Test
  void putsAPskThenShowsItWithoutTheKey() throws Exception {
    HttpResponse<String> created = call(api, "PUT", "/api/v1/security/clients/dev1",
        "{\"mode\":\"psk\",\"identity\":\"dev1\",\"key\":\"" + KEY + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(store.byPskIdentity("dev1")).contains(new PskSecurity("dev1", "dev1", HexFormat.of().parseHex(KEY)));

    HttpResponse<String> shown = call(api, "GET", "/api/v1/security/clients/dev1", "");
    assertThat(shown.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(shown.body());
    assertThat(json.get("endpoint").asText()).isEqualTo("dev1");
    assertThat(json.get("mode").asText()).isEqualTo("psk");
    assertThat(json.get("identity").asText()).isEqualTo("dev1");
    assertThat(json.has("key")).isFalse();
    assertThat(shown.body() + created.body()).doesNotContain(KEY).doesNotContain("AAECAwQF");
  }

  @Test
  void replacingAnswers200() throws Exception {
    call(api, "PUT", "/api/v1/security/clients/dev1", "{\"mode\":\"x509\"}");
    HttpResponse<String> replaced = call(api, "PUT", "/api/v1/security/clients/dev1",
        "{\"mode\":\"psk\",\"identity\":\"id\",\"key\":\"0102\"}");
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(store.byEndpoint("dev1").map(SecurityInfo::mode)).contains("psk");
  }

  @Test
  void putsAnRpkAndShowsItsPublicKey() throws Exception {
    PublicKey key = p256();
    String base64 = PublicKeys.encode(key);
    HttpResponse<String> created = call(api, "PUT", "/api/v1/security/clients/dev-rpk",
        "{\"mode\":\"rpk\",\"publicKey\":\"" + base64 + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(store.byPublicKey(key)).contains(new RpkSecurity("dev-rpk", key));

    JsonNode json = JSON.readTree(call(api, "GET", "/api/v1/security/clients/dev-rpk", "").body());
    assertThat(json.get("mode").asText()).isEqualTo("rpk");
    assertThat(json.get("publicKey").asText()).isEqualTo(base64);
  }

  @Test
  void listsEveryEndpointsCredentialsWithoutKeys() throws Exception {
    store.put(new PskSecurity("b-psk", "id-b", HexFormat.of().parseHex(KEY)));
    store.put(new X509Security("a-x509"));
    HttpResponse<String> all = call(api, "GET", "/api/v1/security/clients", "");
    assertThat(all.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(all.body());
    assertThat(json.findValuesAsText("endpoint")).containsExactly("a-x509", "b-psk");
    assertThat(json.findValuesAsText("mode")).containsExactly("x509", "psk");
    assertThat(json.findValues("key")).isEmpty();
    assertThat(all.body()).doesNotContain(KEY);
  }

  @Test
  void deletesAndThenTheEndpointIsUnknown() throws Exception {
    store.put(new X509Security("dev1"));
    HttpResponse<String> deleted = call(api, "DELETE", "/api/v1/security/clients/dev1", "");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(deleted.body()).get("mode").asText()).isEqualTo("x509");
    assertThat(store.byEndpoint("dev1")).isEmpty();

    HttpResponse<String> again = call(api, "DELETE", "/api/v1/security/clients/dev1", "");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).get("error").asText()).contains("dev1");
    assertThat(call(api, "GET", "/api/v1/security/clients/dev1", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aPskIdentityOfAnotherEndpointIsAConflict() throws Exception {
    store.put(new PskSecurity("dev1", "shared", new byte[] {1}));
    HttpResponse<String> conflict = call(api, "PUT", "/api/v1/security/clients/dev2",
        "{\"mode\":\"psk\",\"identity\":\"shared\",\"key\":\"" + KEY + "\"}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(conflict.body()).get("error").asText()).contains("shared", "dev1");
    assertThat(store.byEndpoint("dev2")).isEmpty();
  }

  @Test
  void badBodiesAreBadRequestsThatSayWhatIsWrong() throws Exception {
    assertBadRequest("{not json", "not JSON");
    assertBadRequest("", "empty");
    assertBadRequest("[1]", "JSON object");
    assertBadRequest("{}", "\"mode\" is missing");
    assertBadRequest("{\"mode\":\"psk\"}", "\"identity\" is missing");
    assertBadRequest("{\"mode\":\"nosec\"}", "unknown mode \"nosec\"");
    assertBadRequest("{\"mode\":7}", "\"mode\" must be a string");
    assertBadRequest("{\"mode\":\"psk\",\"identity\":\"id\",\"key\":\"0g\"}", "not a hex digit");
    assertBadRequest("{\"mode\":\"psk\",\"identity\":\"id\",\"key\":\"abc\"}", "odd number of hex digits");
    assertBadRequest("{\"mode\":\"psk\",\"identity\":\"id\",\"key\":\"\"}", "must not be empty");
    assertBadRequest("{\"mode\":\"psk\",\"identity\":\"id\",\"key\":\"" + "00".repeat(65) + "\"}", "at most 64");
    assertBadRequest("{\"mode\":\"psk\",\"identity\":\"id\",\"kee\":\"00\"}", "field \"kee\" does not belong to mode \"psk\"; allowed: mode, endpoint, identity, key");
    assertBadRequest("{\"mode\":\"x509\",\"identity\":\"id\"}", "field \"identity\" does not belong to mode \"x509\"");
    assertBadRequest("{\"mode\":\"rpk\",\"publicKey\":\"%%%\"}", "not valid base64");
    assertBadRequest("{\"mode\":\"x509\",\"endpoint\":\"dev2\"}", "the URL names \"dev1\"");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anRsaPublicKeyIsABadRequest() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String base64 = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
    assertBadRequest("{\"mode\":\"rpk\",\"publicKey\":\"" + base64 + "\"}", "RSA");
  }

  @Test
  void theBodyMayRepeatTheEndpointOfTheUrl() throws Exception {
    HttpResponse<String> created = call(api, "PUT", "/api/v1/security/clients/dev1", "{\"mode\":\"x509\",\"endpoint\":\"dev1\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void withoutServerCredentialsTheServerShowsNulls() throws Exception {
    HttpResponse<String> shown = call(api, "GET", "/api/v1/security/server", "");
    assertThat(shown.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(shown.body());
    assertThat(json.get("publicKey").isNull()).isTrue();
    assertThat(json.get("certificate").isNull()).isTrue();
  }

  @Test
  void theServerShowsItsPublicKeyAndCertificate() throws Exception {
    X509Certificate certificate = org.lwm2m4j.transport.dtls.TestCredentials.chain("server").get(0);
    try (RestApi withCertificate = RestApi.start(server, "127.0.0.1", 0, new InMemorySecurityStore(),
        ServerCredentials.ofCertificateChain(List.of(certificate)))) {
      JsonNode json = JSON.readTree(call(withCertificate, "GET", "/api/v1/security/server", "").body());
      assertThat(json.get("publicKey").asText()).isEqualTo(PublicKeys.encode(certificate.getPublicKey()));
      assertThat(json.get("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----")
          .isEqualTo(ServerCredentials.ofCertificateChain(List.of(certificate)).certificateChainPem().orElseThrow());
    }
  }

  @Test
  void theThreeArgumentStartServesAnEmptyStore() throws Exception {
    try (RestApi plain = RestApi.start(server, "127.0.0.1", 0)) {
      HttpResponse<String> all = call(plain, "GET", "/api/v1/security/clients", "");
      assertThat(all.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(all.body()).size()).isZero();
    }
  }

  private void assertBadRequest(String body, String fragment) throws IOException, InterruptedException {
    HttpResponse<String> answer = call(api, "PUT", "/api/v1/security/clients/dev1", body);
    assertThat(answer.statusCode()).as(body + " → " + answer.body()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("error").asText()).as(body).contains(fragment);
  }

  private HttpResponse<String> call(RestApi target, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static PublicKey p256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }
}
