package org.lwm2m4j.app.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;

/**
 * Calls every route an HTTP API registers (its {@code routes()}, {@code METHOD /path} in Javalin's
 * syntax), each with and without a trailing slash and GETs also as HEAD: without a token and with a
 * wrong one the answer must be 401 with a JSON error, with the right one anything but 401. Path
 * parameters get made-up values, so the authorized calls reach the handlers and fail there (404,
 * 400), changing nothing.
 */
public final class RouteTokenProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "SSE");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String token;

  public RouteTokenProbe(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** Each route as method and concrete path, slash variants and HEADs included. */
  public static List<String[]> requests(List<String> routes) {
    List<String[]> requests = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      if (!METHODS.contains(method)) {
        continue; // before/after handlers, not routes
      }
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]*}", "probe").replaceAll("<[^>]*>", "3/0");
      String httpMethod = method.equals("SSE") ? "GET" : method;
      for (String variant : List.of(path, path + "/")) {
        requests.add(new String[] {httpMethod, variant});
        if (httpMethod.equals("GET")) {
          requests.add(new String[] {"HEAD", variant});
        }
      }
    }
    return requests;
  }

  /** Asserts that every route of {@code routes} needs the token (at least {@code expectedRoutes} of them). */
  public void assertEveryRouteNeedsTheToken(List<String> routes, int expectedRoutes) throws Exception {
    List<String[]> requests = requests(routes);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(requests.size()).as("requests probed").isGreaterThanOrEqualTo(2 * expectedRoutes);
    for (String[] request : requests) {
      String label = request[0] + " " + request[1];
      Probe none = send(request[0], request[1], Optional.empty());
      softly.assertThat(none.status()).as(label + " without a token").isEqualTo(401);
      if (!request[0].equals("HEAD")) {
        softly.assertThat(none.body()).as(label + " without a token: body").contains("\"error\"");
        softly.assertThat(none.contentType()).as(label + " without a token: type").startsWith("application/json");
      }
      softly.assertThat(send(request[0], request[1], Optional.of("wrong-" + token)).status()).as(label + " with a wrong token").isEqualTo(401);
      softly.assertThat(send(request[0], request[1], Optional.of(token)).status()).as(label + " with the token").isNotEqualTo(401);
    }
    softly.assertAll();
  }

  /** A status, content type and (start of the) body. */
  public record Probe(int status, String contentType, String body) {}

  /** Sends one request; an event stream that opens is closed at once. */
  public Probe send(String method, String path, Optional<String> bearer) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody())
        // what the event stream needs; other routes ignore it
        .header("Accept", path.contains("/events") ? "text/event-stream" : "application/json");
    bearer.ifPresent(value -> request.header("Authorization", "Bearer " + value));
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    try (InputStream body = response.body()) {
      boolean stream = contentType.startsWith("text/event-stream");
      return new Probe(response.statusCode(), contentType, stream ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
