package org.lwm2m4j.server.downlink;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * A device request once encoded: the CoAP message, the registration it goes to (which picks the
 * endpoint), how long to wait, and where an Observe's notifications go.
 */
public record DeviceMessage(Registration registration, CoapRequest request, Duration timeout,
    Optional<Consumer<CoapResponse>> notifications) {}
