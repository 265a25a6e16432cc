package org.lwm2m4j.server.downlink;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * One request to a device as the {@link Downlink} chain carries it: for whom, what it is called (for
 * metrics and the queue), how to build its CoAP message and how to read a success answer — both
 * for the registration as it is when the request really goes out, which for a queued request may
 * be later and from another address.
 *
 * @param operation the operation's name: {@code read}, {@code observe}, {@code cancel-observation} …
 * @param path the LwM2M path it targets, if it has one
 * @param message builds the CoAP request for the registration current at sending time
 * @param answer reads a success answer (2.xx) into the result; error answers never get here
 * @param timeout how long to wait for the answer
 * @param notifications where later notifications go, for an Observe; empty for any other request
 * @param <T> what the request completes with
 */
public record DeviceRequest<T>(Registration registration, String operation, Optional<LwM2mPath> path,
    Function<Registration, CoapRequest> message, BiFunction<Registration, CoapResponse, T> answer, Duration timeout,
    Optional<Consumer<CoapResponse>> notifications) {

  public DeviceRequest {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(notifications, "notifications");
  }

  /** A request that is not an Observe. */
  public static <T> DeviceRequest<T> of(Registration registration, String operation, Optional<LwM2mPath> path,
      Function<Registration, CoapRequest> message, BiFunction<Registration, CoapResponse, T> answer, Duration timeout) {
    return new DeviceRequest<>(registration, operation, path, message, answer, timeout, Optional.empty());
  }

  /** This request with its notifications going to {@code notifications} (an Observe). */
  public DeviceRequest<T> observing(Consumer<CoapResponse> notifications) {
    return new DeviceRequest<>(registration, operation, path, message, answer, timeout, Optional.of(notifications));
  }

  /** This request for {@code current}, the registration as it is now (a queued request sent after an Update). */
  public DeviceRequest<T> on(Registration current) {
    return new DeviceRequest<>(current, operation, path, message, answer, timeout, notifications);
  }
}
