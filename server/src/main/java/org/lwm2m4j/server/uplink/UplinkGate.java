package org.lwm2m4j.server.uplink;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The handler a server's endpoints are bound with, while the server is being put together: the
 * endpoints must be bound before the services that send through them or name their addresses
 * exist, and those services are what the {@link UplinkRouter} routes to. A request that arrives
 * in between waits here (for the few milliseconds of a start) and is routed once {@link #open}
 * gives the router, so nothing is served by a half-built server; afterwards every request goes
 * straight through.
 *
 * <p>Thread-safe. Opened once.
 */
public final class UplinkGate implements CoapHandler {
  private final CompletableFuture<CoapHandler> router = new CompletableFuture<>();

  /** Starts routing every request, those waiting first, through {@code handler}. */
  public void open(CoapHandler handler) {
    if (!router.complete(Objects.requireNonNull(handler, "handler"))) {
      throw new IllegalStateException("the uplink is open already");
    }
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    CoapHandler handler = router.getNow(null);
    if (handler != null) {
      return handler.handle(request);
    }
    return router.thenCompose(opened -> opened.handle(request));
  }
}
