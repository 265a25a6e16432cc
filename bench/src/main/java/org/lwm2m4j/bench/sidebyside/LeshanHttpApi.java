package org.lwm2m4j.bench.sidebyside;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The shape of our REST API's Read, over Leshan's Java API, so that Reads over HTTP compare like
 * with like: {@code GET /api/v1/clients/{endpoint}/data/{path}?format=tlv} reads {@code path} from
 * the device in TLV and answers the content as SenML JSON, as ours does. JDK's HTTP server, a small
 * pool for the handlers; the answer is written from Leshan's callback, so no thread waits on a device.
 */
final class LeshanHttpApi implements AutoCloseable {
  private static final String PREFIX = "/api/v1/clients/";
  private static final String DATA = "/data/";
  private static final long TIMEOUT_MILLIS = 5_000;

  private final HttpServer http;
  private final ExecutorService handlers;

  private LeshanHttpApi(HttpServer http, ExecutorService handlers) {
    this.http = http;
    this.handlers = handlers;
  }

  static LeshanHttpApi start(LeshanServer server) {
    LwM2mEncoder encoder = new DefaultLwM2mEncoder();
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
      http.createContext(PREFIX, exchange -> read(server, encoder, exchange));
      ExecutorService handlers = Executors.newFixedThreadPool(4);
      http.setExecutor(handlers);
      http.start();
      return new LeshanHttpApi(http, handlers);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve HTTP on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  int port() {
    return http.getAddress().getPort();
  }

  private static void read(LeshanServer server, LwM2mEncoder encoder, HttpExchange exchange) throws IOException {
    String uri = exchange.getRequestURI().getPath();
    int data = uri.indexOf(DATA);
    if (!exchange.getRequestMethod().equals("GET") || data < 0) {
      answer(exchange, 404, "no such route");
      return;
    }
    String endpoint = uri.substring(PREFIX.length(), data);
    LwM2mPath path = new LwM2mPath(uri.substring(data + DATA.length() - 1));
    Registration registration = server.getRegistrationService().getByEndpoint(endpoint);
    if (registration == null) {
      answer(exchange, 404, "no client " + endpoint);
      return;
    }
    server.send(registration, new ReadRequest(ContentFormat.TLV, path, null), TIMEOUT_MILLIS, response -> {
      if (!response.isSuccess()) {
        answer(exchange, 502, response.getCode().toString());
        return;
      }
      byte[] json = encoder.encode(response.getContent(), ContentFormat.SENML_JSON, path,
          server.getModelProvider().getObjectModel(registration));
      answer(exchange, 200, "application/senml+json", json);
    }, error -> answer(exchange, 504, String.valueOf(error.getMessage())));
  }

  private static void answer(HttpExchange exchange, int status, String text) {
    answer(exchange, status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body) {
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      out.write(body);
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  @Override
  public void close() {
    http.stop(0);
    handlers.shutdownNow();
  }
}
