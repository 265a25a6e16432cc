package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.transport.dtls.TestCredentials;

/**
 * With {@link HttpsSettings}, the REST API, its event stream and the console answer HTTPS on the
 * one port, and plain HTTP there gets nothing. The server presents the test CA's {@code server}
 * certificate (SAN IP 127.0.0.1); the test's client trusts that CA only.
 */
class HttpsTest {
  private static final String TOKEN = "tls-s3cret";

  private LwM2mServer server;
  private RestApi api;
  private HttpClient https;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    HttpsSettings settings = HttpsSettings.of(TestCredentials.privateKey("server"), TestCredentials.chain("server"));
    api = RestApi.start(server, "127.0.0.1", 0, new InMemorySecurityStore(), ServerCredentials.none(),
        Optional.of(new ApiToken(TOKEN)), Optional.of(settings));
    https = TrustingHttpClient.trusting(TestCredentials.ca());
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private URI uri(String scheme, String path) {
    return URI.create(scheme + "://127.0.0.1:" + api.port() + path);
  }

  private HttpResponse<String> get(HttpClient client, URI uri, Optional<String> token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApiAnswersOverHttpsWithTheTokenAndOnlyWithIt() throws Exception {
    HttpResponse<String> clients = get(https, uri("https", "/api/v1/clients"), Optional.of(TOKEN));
    assertThat(clients.statusCode()).as(clients.body()).isEqualTo(200);
    assertThat(clients.body()).contains("\"clients\"");
    assertThat(clients.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
    assertThat(get(https, uri("https", "/api/v1/clients"), Optional.empty()).statusCode()).isEqualTo(401);
  }

  @Test
  void plainHttpToTheHttpsPortIsNotServedButToldToUseHttps() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> refused = get(plain, uri("http", "/api/v1/clients"), Optional.of(TOKEN));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("https://").doesNotContain("clients");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    HttpClient trustsNothingOfOurs = HttpClient.newBuilder().sslContext(SSLContext.getDefault()).connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> get(trustsNothingOfOurs, uri("https", "/"), Optional.empty())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void theEventStreamDeliversOverHttps() throws Exception {
    try (EventStreamReader events = EventStreamReader.connect(https, uri("https", "/api/v1/events?access_token=" + TOKEN));
        LeshanDevice device = LeshanDevice.start("https-dev-1", server.coapAddress())) {
      events.next("registered", data -> data.contains("https-dev-1"), Duration.ofSeconds(15));
    }
  }

  @Test
  void theConsolePageLoadsOverHttps() throws Exception {
    // the console's files are open: a browser's first request carries no token
    HttpResponse<String> page = get(https, uri("https", "/"), Optional.empty());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).containsIgnoringCase("<html");
  }
}
