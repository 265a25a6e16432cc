package org.lwm2m4j.app.bootstrap.rest;

import io.javalin.Javalin;
import org.lwm2m4j.app.rest.ErrorMapping;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;

/**
 * The Bootstrap-Server's HTTP face: configurations per endpoint with their last session ({@code
 * /api/v1/bootstrap/configs}), the push of a configuration to a client (server-initiated
 * bootstrap), the bootstrap clients' credentials ({@code /api/v1/security/clients}) and the session
 * event stream ({@code /api/v1/events}), and the web console at {@code /}.
 */
public final class BootstrapRestApi implements AutoCloseable {
  private final Javalin app;
  private final BootstrapEventStream events;

  private BootstrapRestApi(Javalin app, BootstrapEventStream events) {
    this.app = app;
    this.events = events;
  }

  /** Serves on {@code host}:{@code port} (0 picks a free port). */
  public static BootstrapRestApi start(BootstrapServer server, BootstrapConfigStore configs, String host, int port) {
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      org.lwm2m4j.app.console.Console.BOOTSTRAP.addTo(config);
    });
    ErrorMapping.addTo(app);
    new BootstrapRoutes(configs, server::push).addTo(app);
    // the bootstrap clients' DTLS credentials (RPK keys, X.509 endpoints, PSKs), as on the LwM2M server
    new org.lwm2m4j.app.rest.SecurityRoutes(server.security(), server.serverCredentials()).addTo(app);
    BootstrapEventStream events = new BootstrapEventStream();
    server.addListener(events);
    events.addTo(app);
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      events.close();
      app.stop();
      throw e;
    }
    return new BootstrapRestApi(app, events);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    events.close();
    app.stop();
  }
}
