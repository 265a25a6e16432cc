package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalInt;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap-Pack sessions: a plan's writes in one pack, answered to the Bootstrap-Pack-Request,
 * with the same log lines and listener calls as a Bootstrap-Request session. The session ends when
 * the pack is built, since no Bootstrap-Finish follows a pack. Thread-safe.
 */
final class BootstrapPacks {
  // the Bootstrap-Server's logger: a pack session reads in the log like any other session
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapServer.class);

  private final NodeCodecs codecs = NodeCodecs.standard();
  private final ObjectModelRegistry models;
  private final Listeners<BootstrapSessionListener> listeners;

  BootstrapPacks(ObjectModelRegistry models, Listeners<BootstrapSessionListener> listeners) {
    this.models = models;
    this.listeners = listeners;
  }

  /**
   * The pack's format: the request's Accept, SenML CBOR without one.
   *
   * @throws NotAcceptableException for a format that cannot name several paths
   */
  ContentFormat format(CoapRequest request) {
    ContentFormat format = request.accept().isPresent()
        ? ContentFormat.fromCode(request.accept().getAsInt()).orElseThrow(() -> new NotAcceptableException("unknown Accept"))
        : ContentFormat.SENML_CBOR;
    codec(format);
    return format;
  }

  private CompositeCodec codec(ContentFormat format) {
    return codecs.composite(format)
        .orElseThrow(() -> new NotAcceptableException("the Bootstrap-Pack is SenML CBOR, SenML JSON or LwM2M CBOR"));
  }

  /** Runs the session of {@code endpoint} at {@code address}: the answer carrying {@code plan}'s writes. */
  CoapResponse answer(String endpoint, InetSocketAddress address, BootstrapPlan plan, ContentFormat format) {
    listeners.publish(l -> l.started(endpoint, address, BootstrapMode.PACK));
    byte[] payload;
    try {
      payload = codec(format).encodeNodes(new LinkedHashMap<>(plan.writes()), models);
    } catch (RuntimeException e) {
      String reason = "Bootstrap-Pack: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
      LOG.warn("bootstrap of {} failed: {}", endpoint, reason);
      listeners.publish(l -> l.failed(endpoint, reason));
      throw e;
    }
    String operation = "Bootstrap-Pack (" + plan.writes().size() + (plan.writes().size() == 1 ? " instance)" : " instances)");
    listeners.publish(l -> l.step(endpoint, operation));
    LOG.info("bootstrap of {} finished: {} sent", endpoint, operation);
    listeners.publish(l -> l.finished(endpoint));
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(format.code()), List.of(), payload);
  }
}
