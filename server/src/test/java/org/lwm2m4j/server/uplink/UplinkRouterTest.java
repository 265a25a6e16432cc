package org.lwm2m4j.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/** The router alone: its table, its filters and the gate in front of it, with stub handlers. */
class UplinkRouterTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40001);
  private final List<String> seen = new ArrayList<>();

  private CoapHandler named(String name) {
    return request -> {
      seen.add(name + " " + request.pathText());
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    };
  }

  private UplinkRouter router() {
    return UplinkRouter.builder()
        .filter((request, next) -> {
          seen.add("first filter");
          return next.handle(request);
        })
        .filter((request, next) -> {
          seen.add("second filter");
          return next.handle(request);
        })
        .route(Route.under("rd", named("rd")))
        .route(Route.at("dp", named("dp")))
        .otherwise("on this server; clients register under /rd and send to /dp")
        .build();
  }

  private static CoapRequest post(String... path) {
    return CoapRequest.to(PEER, CoapMethod.POST, List.of(path));
  }

  @Test
  void aRouteUnderASegmentTakesItAndEverythingBelow() {
    UplinkRouter router = router();
    router.handle(post("rd"));
    router.handle(post("rd", "abc"));
    assertThat(seen).containsExactly("first filter", "second filter", "rd /rd", "first filter", "second filter", "rd /rd/abc");
  }

  @Test
  void aRouteAtASegmentTakesExactlyThatPath() {
    UplinkRouter router = router();
    router.handle(post("dp"));
    assertThat(seen).endsWith("dp /dp");
    assertThatThrownBy(() -> router.handle(post("dp", "1"))).isInstanceOf(NotFoundException.class)
        .hasMessage("no resource /dp/1 on this server; clients register under /rd and send to /dp");
  }

  @Test
  void anUnknownPathIs404WithTheHintAfterTheFiltersRan() {
    UplinkRouter router = router();
    assertThatThrownBy(() -> router.handle(post("nowhere"))).isInstanceOf(NotFoundException.class)
        .hasMessage("no resource /nowhere on this server; clients register under /rd and send to /dp");
    assertThatThrownBy(() -> router.handle(post())).isInstanceOf(NotFoundException.class);
    assertThat(seen).containsExactly("first filter", "second filter", "first filter", "second filter");
  }

  @Test
  void aFilterMayRefuseARequestBeforeAnyRoute() {
    UplinkRouter router = UplinkRouter.builder()
        .filter((request, next) -> {
          throw new NotFoundException("refused");
        })
        .route(Route.under("rd", named("rd")))
        .build();
    assertThatThrownBy(() -> router.handle(post("rd"))).hasMessage("refused");
    assertThat(seen).isEmpty();
  }

  @Test
  void theGateHoldsRequestsUntilItOpensThenRoutesThemInOrder() {
    UplinkGate gate = new UplinkGate();
    CompletableFuture<CoapResponse> early = gate.handle(post("rd"));
    assertThat(early).isNotDone();
    assertThat(seen).isEmpty();
    gate.open(router());
    assertThat(early).isCompletedWithValueMatching(response -> response.code() == ResponseCode.CHANGED);
    gate.handle(post("dp"));
    assertThat(seen).containsSubsequence("rd /rd", "dp /dp");
    assertThatThrownBy(() -> gate.open(router())).isInstanceOf(IllegalStateException.class);
  }
}
