package org.lwm2m4j.server.firmware;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What a firmware update job does to one device, apart from the network: the object 5 operations
 * it needs. The service backs it with the device API and observations; tests with a scripted device.
 */
interface FirmwareDevice {
  /**
   * Observes State (/5/0/3) and Update Result (/5/0/5): each later value goes to {@code values}
   * (state, result; either may be empty when only the other changed). Completes with the current values.
   */
  CompletableFuture<Values> observe(BiConsumer<OptionalInt, OptionalInt> values);

  /** Reads State and Update Result now. */
  CompletableFuture<Values> read();

  /** Writes Package (/5/0/0), block-wise, as opaque; empty resets the device's state machine. */
  CompletableFuture<Void> writePackage(byte[] image);

  /** Writes Package URI (/5/0/1); empty resets the device's state machine. */
  CompletableFuture<Void> writePackageUri(String uri);

  /** Executes Update (/5/0/2). */
  CompletableFuture<Void> executeUpdate();

  /** Ends the observations (best effort). */
  void stopObserving();

  /** State and Update Result as read. */
  record Values(OptionalInt state, OptionalInt result) {}
}
