package org.lwm2m4j.server.send;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.ForbiddenException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The server side of Send (LwM2M 1.1): {@code POST /dp} with SenML JSON, SenML CBOR or LwM2M CBOR
 * values from a registered client, answered 2.04 and published to {@link SendListener}s. The
 * sender is recognised by its address; an unregistered sender gets 4.03, values of objects it did
 * not register get 4.04, a payload that does not decode 4.00, another format 4.15.
 */
public final class SendHandler implements CoapHandler, AutoCloseable {
  private final RegistrationStore registrations;
  private final ObjectModelRegistry models;
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final Listeners<SendListener> listeners;

  private final RegistrationAuthorizer authorizer;

  /**
   * A handler that checks the sender's DTLS identity against its registration with {@code
   * authorizer} and tells its listeners on {@code events} (the server's scheduler).
   */
  public SendHandler(RegistrationStore registrations, ObjectModelRegistry models, RegistrationAuthorizer authorizer,
      java.util.concurrent.Executor events) {
    this.registrations = registrations;
    this.models = models;
    this.authorizer = authorizer;
    this.listeners = new Listeners<>("send", events);
  }

  public void addListener(SendListener listener) {
    listeners.add(listener);
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    if (request.method() != CoapMethod.POST) {
      throw new MethodNotAllowedException(request.method() + " /dp is not allowed; Send with POST /dp");
    }
    Registration registration = registrations.byAddress(request.peer())
        .orElseThrow(() -> new ForbiddenException("Send from " + request.peer() + ", which is not registered; register first"));
    authorizer.authorize(registration.endpoint(), registration.secure(), request.identity());
    int code = request.contentFormat().orElseThrow(() -> new InvalidRequestException("Send needs a Content-Format (110, 112 or 11544)"));
    CompositeCodec codec = ContentFormat.fromCode(code).flatMap(codecs::composite).orElseThrow(() ->
        new UnsupportedContentFormatException("Send takes SenML JSON (110), SenML CBOR (112) or LwM2M CBOR (11544), not " + code));
    List<TimestampedNode> values;
    try {
      values = codec.decodeTimestamped(request.payload(), models.forVersions(registration.objectLinks().objectVersions()));
    } catch (CodecException e) {
      throw new InvalidRequestException("the Send payload does not decode as " + codec.format().shortName() + ": " + e.getMessage(), e);
    }
    if (values.isEmpty()) {
      throw new InvalidRequestException("the Send payload holds no value");
    }
    var registered = registration.objectLinks().objects();
    for (TimestampedNode value : values) {
      if (!registered.contains(value.path().objectId())) {
        throw new NotFoundException("Send reports " + value.path() + ", but object " + value.path().objectId()
            + " is not in " + registration.endpoint() + "'s registration");
      }
    }
    listeners.publish(listener -> listener.sent(registration, values));
    return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
  }

  @Override
  public void close() {
    listeners.close();
  }
}
