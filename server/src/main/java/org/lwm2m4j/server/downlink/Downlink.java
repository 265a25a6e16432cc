package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;

/**
 * A request to a device in, the future of its result out: the whole chain, or the part of it after
 * a {@link DownlinkFilter}. The future fails with the typed exception of the device's error code,
 * a {@link java.util.concurrent.TimeoutException}, or the failure of any stage.
 */
public interface Downlink {
  <T> CompletableFuture<T> send(DeviceRequest<T> request);
}
