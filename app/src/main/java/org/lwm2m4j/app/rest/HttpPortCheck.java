package org.lwm2m4j.app.rest;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Refuses an HTTP port that another process listens on before Javalin tries it: Javalin logs an
 * ERROR of its own before it throws, and a user who started a second server needs one line that
 * says what to change, not two.
 */
public final class HttpPortCheck {
  private HttpPortCheck() {}

  /**
   * Checks that tcp {@code host:port} can be listened on now (port 0, any free port, always can).
   *
   * @throws JavalinBindException if it cannot, with a message naming the port
   */
  public static void requireFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as Jetty binds: a port left in TIME_WAIT is free
      socket.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      throw new JavalinBindException("tcp port " + port + " on " + host + " is in use (another server running? choose another with --http-port)", e);
    } catch (IOException e) {
      // anything else (an unknown host, say) is Javalin's to report, as before
    }
  }
}
