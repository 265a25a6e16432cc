package org.lwm2m4j.app.rest;

import io.javalin.config.JavalinConfig;
import java.util.Objects;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one listener of a REST API that serves HTTPS: TLS 1.2 or 1.3 with {@link HttpsSettings}' key
 * on {@code host:port}, in place of Javalin's plain HTTP listener (there is no HTTP port left
 * beside it for a token to leak through). A plain HTTP request there is answered 400 and not served.
 */
public final class HttpsConnector {
  /** The keystore handed to Jetty lives in memory only; its password guards nothing on disk. */
  private static final char[] IN_MEMORY_PASSWORD = "lwm2m4j-https".toCharArray();

  private HttpsConnector() {}

  /** Makes the Javalin app of {@code config} listen with HTTPS only on {@code host}:{@code port} (0 picks a free port). */
  public static void addTo(JavalinConfig config, String host, int port, HttpsSettings https) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(https, "https");
    config.jetty.addConnector((server, httpConfiguration) -> {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(https.asKeyStore(IN_MEMORY_PASSWORD));
      tls.setKeyStorePassword(new String(IN_MEMORY_PASSWORD));
      tls.setKeyManagerPassword(new String(IN_MEMORY_PASSWORD));
      tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      HttpConfiguration secure = new HttpConfiguration(httpConfiguration);
      // One certificate, no virtual hosts: a client that reaches the API by another name than the
      // certificate's (curl -k, an IP address) gets the API, not Jetty's "Invalid SNI" 400.
      SecureRequestCustomizer customizer = new SecureRequestCustomizer(false);
      customizer.setSniHostCheck(false);
      secure.addCustomizer(customizer);
      SslConnectionFactory handshake = new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString());
      ServerConnector connector = new ServerConnector(server, new PlainHttpRefusal(handshake), handshake, new HttpConnectionFactory(secure));
      connector.setHost(host);
      connector.setPort(port);
      return connector;
    });
  }
}
