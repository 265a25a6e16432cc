package org.lwm2m4j.client.dm;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapResponse;

/**
 * One step of an inbound chain: takes a request of type {@code Q} and the rest of the chain, which
 * takes an {@code N} — the same request, or what this step turned it into (a peer into a server,
 * a CoAP request into an operation). Steps compose once, at start-up: {@code a.andThen(b).then(last)}
 * runs {@code a}, then {@code b}, then {@code last}, and allocates nothing per request for the chain itself.
 */
@FunctionalInterface
interface Filter<Q, N> {
  CompletableFuture<CoapResponse> filter(Q request, Service<N> next);

  /** This step, then {@code inner}. */
  default <M> Filter<Q, M> andThen(Filter<N, M> inner) {
    Filter<Q, N> outer = this;
    return new Filter<>() {
      @Override
      public CompletableFuture<CoapResponse> filter(Q request, Service<M> next) {
        return outer.filter(request, innerRequest -> inner.filter(innerRequest, next));
      }

      @Override
      public Service<Q> then(Service<M> last) {
        return outer.then(inner.then(last));
      }
    };
  }

  /** Closes the chain: this step, then {@code last}. */
  default Service<Q> then(Service<N> last) {
    return request -> filter(request, last);
  }
}
