package org.lwm2m4j.app.bootstrap.rest;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.app.rest.HttpPortCheck;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.ErrorMapping;
import org.lwm2m4j.app.rest.HttpsConnector;
import org.lwm2m4j.app.rest.HttpsSettings;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;

/**
 * The Bootstrap-Server's HTTP face: configurations per endpoint with their last session ({@code
 * /api/v1/bootstrap/configs}), the push of a configuration to a client (server-initiated
 * bootstrap), the bootstrap clients' credentials ({@code /api/v1/security/clients}), the session
 * event stream ({@code /api/v1/events}), its OpenAPI document ({@value #OPENAPI}) and the web
 * console at {@code /}. With an {@link ApiToken}, every route needs it (and a path under {@code
 * /api} that matches none answers 401 without it); the console's files do not (the console asks
 * for the token). Errors are JSON, as on the server ({@link ErrorMapping}).
 */
public final class BootstrapRestApi implements AutoCloseable {
  /** Where the OpenAPI 3 document of this API is served. */
  public static final String OPENAPI = "/api/v1/openapi.json";

  private final Javalin app;
  private final BootstrapEventStream events;
  private final List<String> routes;

  private BootstrapRestApi(Javalin app, BootstrapEventStream events, List<String> routes) {
    this.app = app;
    this.events = events;
    this.routes = routes;
  }

  /** Serves on {@code host}:{@code port} (0 picks a free port), open to anyone who reaches it. */
  public static BootstrapRestApi start(BootstrapServer server, BootstrapConfigStore configs, String host, int port) {
    return start(server, configs, host, port, Optional.empty());
  }

  /**
   * Serves on {@code host}:{@code port} (0 picks a free port), the API guarded by {@code token} if
   * present.
   *
   * @throws io.javalin.util.JavalinBindException if the port cannot be bound
   */
  public static BootstrapRestApi start(BootstrapServer server, BootstrapConfigStore configs, String host, int port,
      Optional<ApiToken> token) {
    return start(server, configs, host, port, token, Optional.empty());
  }

  /**
   * As {@link #start(BootstrapServer, BootstrapConfigStore, String, int, Optional)}, over HTTPS only
   * (TLS 1.2/1.3, no plain HTTP) if {@code https} is present.
   *
   * @throws io.javalin.util.JavalinBindException if the port cannot be bound
   */
  public static BootstrapRestApi start(BootstrapServer server, BootstrapConfigStore configs, String host, int port,
      Optional<ApiToken> token, Optional<HttpsSettings> https) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(configs, "configs");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(https, "https");
    List<String> registered = new CopyOnWriteArrayList<>();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.events(events -> events.handlerAdded(handler -> registered.add(handler.getHttpMethod() + " " + handler.getPath())));
      ErrorMapping.configure(config);
      org.lwm2m4j.app.console.Console.BOOTSTRAP.addTo(config, org.lwm2m4j.app.rest.ApiAccess.PUBLIC);
      https.ifPresent(settings -> HttpsConnector.addTo(config, host, port, settings));
    });
    ErrorMapping.addTo(app);
    token.ifPresent(guard -> guard.addTo(app));
    new BootstrapRoutes(configs, server::push, server::lastContact).addTo(app);
    // the bootstrap clients' DTLS credentials (RPK keys, X.509 endpoints, PSKs), as on the LwM2M server
    new org.lwm2m4j.app.rest.SecurityRoutes(server.security(), server.serverCredentials()).addTo(app);
    byte[] openApi = openApi();
    app.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
    BootstrapEventStream events = new BootstrapEventStream();
    server.addListener(events);
    events.addTo(app);
    try {
      HttpPortCheck.requireFree(host, port);
      app.start(host, port);
    } catch (RuntimeException e) {
      events.close();
      app.stop();
      throw e;
    }
    return new BootstrapRestApi(app, events, List.copyOf(registered));
  }

  private static byte[] openApi() {
    try (InputStream in = BootstrapRestApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("the Bootstrap-Server's OpenAPI document is missing from the application");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("the Bootstrap-Server's OpenAPI document cannot be read", e);
    }
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
