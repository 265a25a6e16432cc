package org.lwm2m4j.server.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Where every inbound request of a server goes: through its {@link UplinkFilter}s in the order
 * they were added, then to the first {@link Route} whose path matches; a request no route takes is
 * 4.04 with a hint of where to go instead. The table is fixed when built, and the chain is composed
 * once, so routing allocates nothing per request.
 *
 * <pre>{@code
 * UplinkRouter router = UplinkRouter.builder()
 *     .filter(new QueueModeWakeUp(registrations, presence, queue))
 *     .route(Route.under("rd", registrationHandler))
 *     .route(Route.at("dp", sendHandler))
 *     .otherwise("clients register under /rd and send to /dp")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe and immutable.
 */
public final class UplinkRouter implements CoapHandler {
  private final List<UplinkFilter> filters;
  private final List<Route> routes;
  private final String hint;
  private final CoapHandler chain;

  private UplinkRouter(Builder builder) {
    this.filters = List.copyOf(builder.filters);
    this.routes = List.copyOf(builder.routes);
    this.hint = builder.hint;
    CoapHandler chain = this::dispatch;
    for (int i = filters.size() - 1; i >= 0; i--) {
      UplinkFilter filter = filters.get(i);
      CoapHandler next = chain;
      chain = request -> filter.filter(request, next);
    }
    this.chain = chain;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    return chain.handle(request);
  }

  /** The routes, in the order they are tried. */
  public List<Route> routes() {
    return routes;
  }

  private CompletableFuture<CoapResponse> dispatch(CoapRequest request) {
    List<String> path = request.path();
    for (Route route : routes) {
      if (route.matches(path)) {
        return route.handler().handle(request);
      }
    }
    throw new NotFoundException("no resource " + request.pathText() + " " + hint);
  }

  /** Builds a router; filters and routes keep the order they are added in. */
  public static final class Builder {
    private final List<UplinkFilter> filters = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private String hint = "on this server";

    private Builder() {}

    /** Runs {@code filter} on every request, after the filters added before it. */
    public Builder filter(UplinkFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Serves the requests {@code route} matches (unless an earlier route matches them). */
    public Builder route(Route route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /**
     * The end of the 4.04 message for a path no route takes, after {@code "no resource /path "}:
     * where a client should go instead.
     */
    public Builder otherwise(String hint) {
      this.hint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    public UplinkRouter build() {
      return new UplinkRouter(this);
    }
  }
}
