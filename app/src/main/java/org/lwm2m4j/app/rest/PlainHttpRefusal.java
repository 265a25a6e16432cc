package org.lwm2m4j.app.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;

/**
 * The first step of an HTTPS connection: a TLS handshake goes on to TLS; anything else that looks
 * like a plain HTTP request gets one 400 that says to use https, then the connection closes. Nothing
 * of the request is served, but {@code curl http://…} tells the user why instead of failing with
 * garbled bytes.
 */
final class PlainHttpRefusal extends DetectorConnectionFactory {
  private static final String BODY = "{\"error\":\"this port serves HTTPS only: use https:// instead of http://\"}";
  private static final byte[] RESPONSE = ("HTTP/1.1 400 Bad Request\r\n"
      + "Content-Type: application/json\r\n"
      + "Content-Length: " + BODY.length() + "\r\n"
      + "Connection: close\r\n"
      + "\r\n"
      + BODY).getBytes(StandardCharsets.US_ASCII);

  PlainHttpRefusal(SslConnectionFactory tls) {
    super(tls);
  }

  @Override
  protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
    byte first = buffer.get(buffer.position());
    if (first < 'A' || first > 'Z') {
      // not an HTTP method either: nothing to explain to
      endPoint.close();
      return;
    }
    Callback.Completable written = new Callback.Completable();
    endPoint.write(written, ByteBuffer.wrap(RESPONSE));
    written.whenComplete((result, failure) -> endPoint.close());
  }
}
