package org.lwm2m4j.app.console;

import io.javalin.config.JavalinConfig;
import io.javalin.security.RouteRole;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Set;

/**
 * The web consoles: static files (HTML, ES modules, CSS; no build step, nothing fetched from
 * elsewhere) served at {@code /} next to the REST API they drive. The files themselves need no API
 * token (the API gives the role that marks them public); the console asks for one when the API
 * answers 401.
 */
public enum Console {
  /** The LwM2M server's console: clients, their objects, credentials, firmware. */
  SERVER("server"),
  /** The Bootstrap-Server's console: configurations, sessions, credentials. */
  BOOTSTRAP("bootstrap");

  private static final String ROOT = "/org/lwm2m4j/app/console/";
  /** The page only loads its own files and talks to its own origin. */
  private static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      // a new server version must not run an old cached script against its API
      "Cache-Control", "no-cache");

  private final String directory;

  Console(String directory) {
    this.directory = directory;
  }

  /**
   * Serves this console, and the files it shares with the other, at {@code /} of {@code config}'s
   * app, to anyone with {@code publicRole} (the API's role for what needs no token).
   */
  public void addTo(JavalinConfig config, RouteRole publicRole) {
    for (String dir : new String[] {directory, "common"}) {
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = ROOT + dir;
        files.location = Location.CLASSPATH;
        files.headers = HEADERS;
        files.roles = Set.of(publicRole);
      });
    }
  }
}
