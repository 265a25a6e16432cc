package org.lwm2m4j.server.bootstrap;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.security.EndpointNames;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clients ask a Bootstrap-Server: Bootstrap-Request ({@code POST /bs?ep=&pct=}), answered 2.04
 * before the session starts, and Bootstrap-Pack-Request ({@code GET /bspack?ep=}), answered with
 * the pack. Each records where the client came from, for a later push. Thread-safe.
 */
final class BootstrapRequests {
  // the Bootstrap-Server's logger: requests read in the log as the server's
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapServer.class);
  /** How long after its 2.04 a requested session starts: the answer must be on its way first. */
  private static final Duration SESSION_START = Duration.ofMillis(50);

  private final Function<String, Optional<BootstrapPlan>> plans;
  private final RegistrationAuthorizer authorizer;
  private final Map<String, BootstrapContact> contacts;
  private final BootstrapPacks packs;
  private final BootstrapSessions sessions;
  private final Scheduler scheduler;

  BootstrapRequests(Function<String, Optional<BootstrapPlan>> plans, RegistrationAuthorizer authorizer,
      Map<String, BootstrapContact> contacts, BootstrapPacks packs, BootstrapSessions sessions, Scheduler scheduler) {
    this.plans = plans;
    this.authorizer = authorizer;
    this.contacts = contacts;
    this.packs = packs;
    this.sessions = sessions;
    this.scheduler = scheduler;
  }

  /**
   * A filter before every route: at most one {@code ep}, and a name {@link EndpointNames} accepts,
   * since it goes into log lines and keys the session.
   */
  static CompletableFuture<CoapResponse> checkEndpointParameter(CoapRequest request, CoapHandler next) {
    int given = 0;
    for (String parameter : request.query()) {
      if (parameter.startsWith("ep=")) {
        EndpointNames.check(parameter.substring(3));
        given++;
      }
    }
    if (given > 1) {
      throw new InvalidRequestException("ep is given " + given + " times; name the endpoint once");
    }
    return next.handle(request);
  }

  /** {@code /bs}: Bootstrap-Request. */
  CompletableFuture<CoapResponse> bootstrapRequest(CoapRequest request) {
    if (request.method() != CoapMethod.POST) {
      throw new MethodNotAllowedException("Bootstrap-Request is POST /bs");
    }
    String endpointName = authorizer.authorizeRegister(query(request, "ep"), request.identity());
    if (endpointName.isEmpty()) {
      throw new InvalidRequestException("Bootstrap-Request without ep: say who you are with ?ep=NAME");
    }
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new InvalidRequestException("no bootstrap configuration for '" + endpointName + "'"));
    ContentFormat format = plan.format().orElse(preferred(query(request, "pct")));
    BootstrapContact contact = new BootstrapContact(request.peer(), request.identity().isPresent(), scheduler.now());
    contacts.put(endpointName, contact);
    LOG.info("Bootstrap-Request from {} ({}){}", endpointName, request.peer(), contact.secure() ? " over DTLS" : "");
    scheduler.schedule(SESSION_START, () -> sessions.run(endpointName, plan, format, contact, false));
    return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
  }

  /** {@code /bspack}: Bootstrap-Pack-Request, a session like one begun by Bootstrap-Request, answered with one pack. */
  CompletableFuture<CoapResponse> pack(CoapRequest request) {
    if (request.method() != CoapMethod.GET) {
      throw new MethodNotAllowedException("Bootstrap-Pack-Request is GET /bspack");
    }
    String endpointName = authorizer.authorizeRegister(query(request, "ep"), request.identity());
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new NotFoundException("no bootstrap configuration for '" + endpointName + "'"));
    ContentFormat format = packs.format(request);
    BootstrapContact contact = new BootstrapContact(request.peer(), request.identity().isPresent(), scheduler.now());
    contacts.put(endpointName, contact);
    LOG.info("Bootstrap-Pack-Request from {} ({}){}", endpointName, request.peer(), contact.secure() ? " over DTLS" : "");
    return CompletableFuture.completedFuture(packs.answer(endpointName, contact.address(), plan, format));
  }

  private static Optional<String> query(CoapRequest request, String name) {
    for (String parameter : request.query()) {
      if (parameter.startsWith(name + "=")) {
        return Optional.of(parameter.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static ContentFormat preferred(Optional<String> pct) {
    if (pct.isEmpty()) {
      return ContentFormat.TLV;
    }
    if (!pct.get().matches("[0-9]{1,5}")) {
      throw new InvalidRequestException("pct=" + CodecException.excerpt(pct.get()) + " is not a content format number");
    }
    int code = Integer.parseInt(pct.get());
    ContentFormat format = ContentFormat.fromCode(code).map(ContentFormat::canonical).orElse(null);
    if (format != ContentFormat.TLV && format != ContentFormat.SENML_JSON && format != ContentFormat.SENML_CBOR
        && format != ContentFormat.LWM2M_CBOR) {
      throw new UnsupportedContentFormatException("pct=" + code + " is not a bootstrap format (11542, 110, 112, 11544)");
    }
    return format;
  }
}
