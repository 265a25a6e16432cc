package org.lwm2m4j.server.registration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.ForbiddenException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The CoAP face of the Client Registration interface: {@code POST /rd} (Register, 2.01 with
 * {@code Location-Path: rd/{id}}), {@code POST /rd/{id}} (Update, 2.04) and {@code DELETE
 * /rd/{id}} (De-register, 2.02). Failures carry their spec code through the exception type.
 */
public final class RegistrationHandler implements CoapHandler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistrationHandler.class);
  private static final String RD = "rd";

  private final RegistrationService service;
  private final RegistrationAuthorizer authorizer;

  /** A handler without security checks beyond the spec's: every unsecured registration is allowed. */
  public RegistrationHandler(RegistrationService service) {
    this(service, RegistrationAuthorizer.open());
  }

  /** A handler that binds endpoint names to DTLS identities and applies the unsecured policy through {@code authorizer}. */
  public RegistrationHandler(RegistrationService service, RegistrationAuthorizer authorizer) {
    this.service = service;
    this.authorizer = authorizer;
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    List<String> path = request.path();
    if (path.isEmpty() || !path.get(0).equals(RD) || path.size() > 2) {
      throw new NotFoundException("no resource " + request.pathText() + "; registrations live under /rd");
    }
    requireLinkFormat(request);
    if (path.size() == 1) {
      if (request.method() != CoapMethod.POST) {
        throw new MethodNotAllowedException(request.method() + " /rd is not allowed; Register with POST /rd");
      }
      RegisterRequest register = RegistrationRequestParser.parseRegister(request.query(), request.payload());
      String endpoint = refusedIsLogged(request, () -> authorizer.authorizeRegister(register.endpoint(), request.identity()));
      Registration registration = service.register(register, endpoint, request.peer(), request.identity());
      return persisted(CoapResponse.created(List.of(RD, registration.id())));
    }
    String id = path.get(1);
    switch (request.method()) {
      case POST: {
        Registration current = service.store().byId(id)
            .orElseThrow(() -> new NotFoundException("no registration " + id + " (expired or never made): register again"));
        refusedIsLogged(request, () -> {
          authorizer.authorize(current.endpoint(), current.secure(), request.identity());
          return current;
        });
        service.update(RegistrationRequestParser.parseUpdate(id, request.peer(), service.clock().instant(),
            current.lwm2mVersion(), request.query(), request.payload()));
        return persisted(CoapResponse.of(ResponseCode.CHANGED));
      }
      case DELETE:
        service.store().byId(id).ifPresent(current -> refusedIsLogged(request, () -> {
          authorizer.authorize(current.endpoint(), current.secure(), request.identity());
          return current;
        }));
        service.deregisterOrRepeat(id);
        return persisted(CoapResponse.of(ResponseCode.DELETED));
      default:
        throw new MethodNotAllowedException(request.method() + " /rd/" + id + " is not allowed; use POST (Update) or DELETE");
    }
  }

  /**
   * Answers once the change is durable in the store ({@link RegistrationStore#persisted()}): a
   * client never sees a Register, Update or De-register acknowledged that a crash could undo. With
   * the in-memory store the answer goes out at once; with a write-behind store the wait is the
   * group commit of the batch holding the change, shared by every request that arrived meanwhile.
   */
  private CompletableFuture<CoapResponse> persisted(CoapResponse answer) {
    return service.store().persisted().thenApply(done -> answer);
  }

  /** Runs a security check, logging a refusal with its reason (the peer only sees 4.03). */
  private static <T> T refusedIsLogged(CoapRequest request, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (ForbiddenException e) {
      LOG.warn("refused {} {} from {}: {}", request.method(), request.pathText(), request.peer(), e.getMessage());
      throw e;
    }
  }

  private static void requireLinkFormat(CoapRequest request) {
    if (request.payload().length > 0 && request.contentFormat().isPresent()
        && request.contentFormat().getAsInt() != ContentFormat.LINK.code()) {
      throw new UnsupportedContentFormatException("the object list must be link format (40), not content format "
          + request.contentFormat().getAsInt());
    }
  }
}
