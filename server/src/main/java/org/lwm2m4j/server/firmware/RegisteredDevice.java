package org.lwm2m4j.server.firmware;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.WriteMode;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.NotificationListener;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;

/**
 * A registered device's Firmware Update object through the device API and observations, always
 * addressed by its current registration (it may register again during an update). A request held
 * for a sleeping queue-mode device completes when the device wakes and answers it; the job's phase
 * timeout bounds the wait.
 */
final class RegisteredDevice implements FirmwareDevice, NotificationListener {
  static final LwM2mPath PACKAGE = LwM2mPath.of(5, 0, 0);
  static final LwM2mPath PACKAGE_URI = LwM2mPath.of(5, 0, 1);
  static final LwM2mPath UPDATE = LwM2mPath.of(5, 0, 2);
  static final LwM2mPath STATE = LwM2mPath.of(5, 0, 3);
  static final LwM2mPath RESULT = LwM2mPath.of(5, 0, 5);

  private final String endpoint;
  private final RegistrationStore registrations;
  private final DeviceService devices;
  private final ObservationService observations;
  private final RequestOptions options;
  private final RequestOptions transfer;
  private final Set<Token> tokens = ConcurrentHashMap.newKeySet();
  private volatile BiConsumer<OptionalInt, OptionalInt> values;

  RegisteredDevice(String endpoint, RegistrationStore registrations, DeviceService devices, ObservationService observations,
      Duration transferTimeout) {
    this.endpoint = endpoint;
    this.registrations = registrations;
    this.devices = devices;
    this.observations = observations;
    this.options = RequestOptions.DEFAULTS;
    this.transfer = RequestOptions.DEFAULTS.withTimeout(transferTimeout);
  }

  private Registration registration() {
    return registrations.byEndpoint(endpoint).orElseThrow(() -> new EndpointNotRegisteredException(endpoint));
  }

  @Override
  public CompletableFuture<Values> observe(BiConsumer<OptionalInt, OptionalInt> values) {
    this.values = values;
    observations.removeListener(this);
    observations.addListener(this);
    try {
      Registration registration = registration();
      return whenSent(observations.observe(registration, STATE, List.of(), options)).thenCompose(state -> {
        tokens.add(state.observation().token());
        return whenSent(observations.observe(registration(), RESULT, List.of(), options)).thenApply(result -> {
          tokens.add(result.observation().token());
          return new Values(integer(state.content().get(STATE)), integer(result.content().get(RESULT)));
        });
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void notified(Notification notification) {
    BiConsumer<OptionalInt, OptionalInt> listener = values;
    if (listener == null || !tokens.contains(notification.observation().token())) {
      return;
    }
    Map<LwM2mPath, LwM2mNode> content = notification.content();
    listener.accept(integer(content.get(STATE)), integer(content.get(RESULT)));
  }

  @Override
  public CompletableFuture<Values> read() {
    try {
      Registration registration = registration();
      CompletableFuture<LwM2mNode> state = whenSent(devices.read(registration, STATE, options));
      CompletableFuture<LwM2mNode> result = whenSent(devices.read(registration, RESULT, options));
      return state.thenCombine(result, (s, r) -> new Values(integer(s), integer(r)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> writePackage(byte[] image) {
    try {
      // Opaque (application/octet-stream): the one format every client takes for a single opaque resource
      return whenSent(devices.write(registration(), PACKAGE, SingleResource.of(0, Value.of(image)), WriteMode.REPLACE,
          transfer.withFormat(ContentFormat.OPAQUE)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> writePackageUri(String uri) {
    try {
      return whenSent(devices.write(registration(), PACKAGE_URI, SingleResource.of(1, Value.of(uri)), WriteMode.REPLACE, options));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> executeUpdate() {
    try {
      return whenSent(devices.execute(registration(), UPDATE, "", options));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void stopObserving() {
    observations.removeListener(this);
    values = null;
    for (Token token : tokens) {
      observations.cancel(token, true, options).exceptionally(failure -> java.util.Optional.empty());
    }
    tokens.clear();
  }

  /** {@code request}, or — if it was queued for a sleeping device — its result once the device woke and answered. */
  @SuppressWarnings("unchecked")
  private static <T> CompletableFuture<T> whenSent(CompletableFuture<T> request) {
    return request.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      return cause instanceof RequestQueuedException queued
          ? queued.request().result().thenApply(value -> (T) value) : CompletableFuture.failedFuture(failure);
    });
  }

  private static OptionalInt integer(LwM2mNode node) {
    if (node instanceof SingleResource single) {
      if (single.value() instanceof IntegerValue integer) {
        return OptionalInt.of((int) integer.value());
      }
      if (single.value() instanceof UnsignedIntegerValue unsigned) {
        return OptionalInt.of((int) unsigned.bits());
      }
    }
    return OptionalInt.empty();
  }
}
