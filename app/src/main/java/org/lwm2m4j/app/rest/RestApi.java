package org.lwm2m4j.app.rest;

import io.javalin.Javalin;
import java.util.List;
import java.util.Objects;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;

/**
 * The server's REST API and event stream over HTTP (Javalin): registrations under {@code
 * /api/v1/clients}, the device operations under {@code /api/v1/clients/{ep}/…} (data as SenML
 * JSON), observations, and Server-Sent Events at {@code /api/v1/events}. Device operations are
 * asynchronous end to end: no HTTP thread waits for a device.
 *
 * <pre>{@code
 * try (LwM2mServer server = LwM2mServer.builder().start();
 *      RestApi api = RestApi.start(server, "0.0.0.0", 8080)) {
 *   // GET http://host:8080/api/v1/clients/dev1/data/3/0
 * }
 * }</pre>
 *
 * Closing stops HTTP and the event stream, not the LwM2M server.
 */
public final class RestApi implements AutoCloseable {
  private final Javalin app;
  private final EventStream events;
  private final List<String> routes;

  private RestApi(Javalin app, EventStream events, List<String> routes) {
    this.routes = routes;
    this.app = app;
    this.events = events;
  }

  /** Where the OpenAPI 3 document of this API is served. */
  public static final String OPENAPI = "/api/v1/openapi.json";

  /** The OpenAPI document, read once at start: it is part of the jar. */
  private static byte[] openApi() {
    try (java.io.InputStream in = RestApi.class.getResourceAsStream("openapi.json")) {
      return in.readAllBytes();
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("the OpenAPI document is missing from the application", e);
    }
  }

  /**
   * Serves the REST API for {@code server} on {@code host}:{@code port} (port 0 picks a free one),
   * with credentials kept in a fresh in-memory store and no server credentials to show.
   *
   * @throws io.javalin.util.JavalinBindException if the port cannot be bound
   */
  public static RestApi start(LwM2mServer server, String host, int port) {
    return start(server, host, port, new InMemorySecurityStore(), ServerCredentials.none());
  }

  /**
   * Serves the REST API for {@code server} on {@code host}:{@code port} (port 0 picks a free one),
   * with client credentials under {@code /api/v1/security/clients} kept in {@code security} and the
   * server's own public credentials shown at {@code /api/v1/security/server}.
   *
   * @throws io.javalin.util.JavalinBindException if the port cannot be bound
   */
  public static RestApi start(LwM2mServer server, String host, int port, SecurityStore security,
      ServerCredentials serverCredentials) {
    return start(server, host, port, security, serverCredentials, java.util.Optional.empty());
  }

  /** As {@link #start(LwM2mServer, String, int, SecurityStore, ServerCredentials)}, guarded by {@code token} if present. */
  public static RestApi start(LwM2mServer server, String host, int port, SecurityStore security,
      ServerCredentials serverCredentials, java.util.Optional<ApiToken> token) {
    return start(server, host, port, security, serverCredentials, token, java.util.Optional.empty());
  }

  /**
   * As {@link #start(LwM2mServer, String, int, SecurityStore, ServerCredentials, java.util.Optional)},
   * over HTTPS only if {@code https} is present: the API, event stream and console on {@code
   * host}:{@code port} then answer TLS 1.2/1.3 and no plain HTTP.
   */
  public static RestApi start(LwM2mServer server, String host, int port, SecurityStore security,
      ServerCredentials serverCredentials, java.util.Optional<ApiToken> token, java.util.Optional<HttpsSettings> https) {
    return start(server, host, port, security, serverCredentials, token, https, EventRelay.none());
  }

  /**
   * As {@link #start(LwM2mServer, String, int, SecurityStore, ServerCredentials, java.util.Optional,
   * java.util.Optional)}, on a node of a cluster: the event stream carries the events of every node through
   * {@code relay} (see {@link EventStream}'s {@code "node"} field).
   */
  public static RestApi start(LwM2mServer server, String host, int port, SecurityStore security,
      ServerCredentials serverCredentials, java.util.Optional<ApiToken> token, java.util.Optional<HttpsSettings> https,
      EventRelay relay) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(serverCredentials, "serverCredentials");
    Objects.requireNonNull(https, "https");
    Clients clients = new Clients(server);
    List<Routes> routes = List.of(
        new ClientsRoutes(server, clients),
        new DataRoutes(server.devices(), clients),
        new ExecuteRoutes(server.devices(), clients),
        new DiscoverRoutes(server.devices(), clients),
        new AttributesRoutes(server.devices(), clients),
        new ObservationRoutes(server.observations(), clients),
        new CompositeRoutes(server.devices(), server.observations(), clients),
        new SecurityRoutes(security, serverCredentials),
        new RequestsRoutes(server),
        new FirmwareRoutes(server.firmware()),
        new ObjectsRoutes(server.models()));
    List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.events(events -> events.handlerAdded(handler -> registered.add(handler.getHttpMethod() + " " + handler.getPath())));
      ErrorMapping.configure(config);
      org.lwm2m4j.app.console.Console.SERVER.addTo(config, ApiAccess.PUBLIC);
      https.ifPresent(settings -> HttpsConnector.addTo(config, host, port, settings));
    });
    ErrorMapping.addTo(app);
    token.ifPresent(guard -> guard.addTo(app));
    routes.forEach(route -> route.addTo(app));
    org.lwm2m4j.app.metrics.ServerMetrics metrics = new org.lwm2m4j.app.metrics.ServerMetrics(server);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    byte[] openApi = openApi();
    app.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
    EventStream events = new EventStream(server, relay);
    events.addTo(app);
    try {
      HttpPortCheck.requireFree(host, port);
      // with HTTPS, its connector is the only listener and Javalin ignores host and port
      app.start(host, port);
    } catch (RuntimeException e) {
      events.close();
      app.stop();
      throw e;
    }
    return new RestApi(app, events, List.copyOf(registered));
  }

  /** The routes served, as {@code METHOD /path} with Javalin's path syntax. */
  public List<String> routes() {
    return routes;
  }

  /** The bound HTTP (or HTTPS) port. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    events.close();
    app.stop();
  }
}
