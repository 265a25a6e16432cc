package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;

/**
 * One stage of the downlink chain: sees a request and the rest of the chain, and may pass it on
 * ({@code next.send}), hold it, or answer it itself. Stages stack with {@link #andThen} and close
 * into a {@link Downlink} with {@link #then}.
 */
public interface DownlinkFilter {
  <T> CompletableFuture<T> filter(DeviceRequest<T> request, Downlink next);

  /** This stage, then {@code inner}. */
  default DownlinkFilter andThen(DownlinkFilter inner) {
    DownlinkFilter outer = this;
    return new DownlinkFilter() {
      @Override
      public <T> CompletableFuture<T> filter(DeviceRequest<T> request, Downlink next) {
        return outer.filter(request, inner.then(next));
      }
    };
  }

  /** This stage in front of {@code rest}. */
  default Downlink then(Downlink rest) {
    DownlinkFilter stage = this;
    return new Downlink() {
      @Override
      public <T> CompletableFuture<T> send(DeviceRequest<T> request) {
        return stage.filter(request, rest);
      }
    };
  }
}
