package org.lwm2m4j.server.downlink;

import java.time.Duration;
import org.lwm2m4j.server.registration.Registration;

/**
 * Told when a request to a device ends, for metrics and logs: the operation ({@code read},
 * {@code write}, …), the outcome ({@code 2.05}, {@code 4.04}, {@code timeout}, {@code invalid},
 * {@code error}) and how long it took. Called on a transport thread; keep it short.
 */
@FunctionalInterface
public interface RequestObserver {
  void completed(Registration registration, String operation, String outcome, Duration elapsed);
}
