package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Which server is this peer: the Bootstrap-Server's commands leave the chain for the bootstrap
 * handler (which works on the tree's bootstrap view); a DM server's requests go on with its Short
 * Server ID; anyone else gets 4.01. An Observe always counts as a DM request: the Bootstrap
 * interface has none.
 */
final class ServerRouting implements Filter<InboundRequest, ServerRequest> {
  private final Predicate<InetSocketAddress> isBootstrapServer;
  private final CoapHandler bootstrap;
  private final ServerIdentity servers;

  ServerRouting(Predicate<InetSocketAddress> isBootstrapServer, CoapHandler bootstrap, ServerIdentity servers) {
    this.isBootstrapServer = isBootstrapServer;
    this.bootstrap = bootstrap;
    this.servers = servers;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(InboundRequest request, Service<ServerRequest> next) {
    InetSocketAddress peer = request.coap().peer();
    if (request.relation().isEmpty() && isBootstrapServer.test(peer)) {
      return bootstrap.handle(request.coap());
    }
    OptionalInt ssid = servers.ssidOf(peer);
    if (ssid.isEmpty()) {
      throw new UnauthorizedException(peer + " is not a server this client is registered with");
    }
    return next.handle(new ServerRequest(ssid.getAsInt(), request.coap(), request.relation()));
  }
}
