package org.lwm2m4j.server.bootstrap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bootstrap sessions against clients, whether they asked (Bootstrap-Request) or not (push):
 * each step a request from the Bootstrap-Server's endpoint, waiting at most the step timeout for
 * the client, logged and told to the listeners. Thread-safe; holds no state per session.
 */
final class BootstrapSessions {
  // the Bootstrap-Server's logger: sessions read in the log as the server's
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapServer.class);

  private final CoapEndpoint endpoint;
  private final Optional<CoapEndpoint> secureEndpoint;
  private final ObjectModelRegistry models;
  private final Duration stepTimeout;
  private final CoapSettings coapSettings;
  private final Listeners<BootstrapSessionListener> listeners;
  private final NodeCodecs codecs = NodeCodecs.standard();

  BootstrapSessions(CoapEndpoint endpoint, Optional<CoapEndpoint> secureEndpoint, ObjectModelRegistry models,
      Duration stepTimeout, CoapSettings coapSettings, Listeners<BootstrapSessionListener> listeners) {
    this.endpoint = endpoint;
    this.secureEndpoint = secureEndpoint;
    this.models = models;
    this.stepTimeout = stepTimeout;
    this.coapSettings = coapSettings;
    this.listeners = listeners;
  }

  /**
   * Runs {@code plan} against the client at {@code contact}: Bootstrap-Discover, the deletes, the
   * writes (moved off the client's Bootstrap-Server account), Bootstrap-Finish.
   *
   * @param pushed true for a server-initiated session, false for one the client asked for
   * @return completes when the session ends; exceptionally, naming the step, if it failed
   */
  CompletableFuture<Void> run(String endpointName, BootstrapPlan plan, ContentFormat format, BootstrapContact contact, boolean pushed) {
    CoapEndpoint channel = contact.secure() && secureEndpoint.isPresent() ? secureEndpoint.get() : endpoint;
    BootstrapMode mode = pushed ? BootstrapMode.PUSH : BootstrapMode.REQUEST;
    listeners.publish(l -> l.started(endpointName, contact.address(), mode));
    CompletableFuture<Map<LwM2mPath, LwM2mObjectInstance>> discovered = exchange(endpointName, channel, "Bootstrap-Discover /",
        CoapRequest.to(contact.address(), CoapMethod.GET, List.of()).withAccept(ContentFormat.LINK.code()))
        .thenApply(response -> avoidBootstrapAccount(plan.writes(), response));
    CompletableFuture<Void> chain = discovered.thenApply(writes -> null);
    for (LwM2mPath path : plan.deletes()) {
      chain = chain.thenCompose(ok -> step(endpointName, channel, "Bootstrap-Delete " + path,
          CoapRequest.to(contact.address(), CoapMethod.DELETE, segments(path))));
    }
    chain = chain.thenCompose(ok -> discovered).thenCompose(writes -> {
      CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
      for (Map.Entry<LwM2mPath, LwM2mObjectInstance> write : writes.entrySet()) {
        LwM2mPath path = write.getKey();
        byte[] payload = codecs.encode(format, write.getValue(), path, models);
        all = all.thenCompose(done -> step(endpointName, channel, "Bootstrap-Write " + path,
            CoapRequest.to(contact.address(), CoapMethod.PUT, segments(path)).withPayload(format.code(), payload)));
      }
      return all;
    });
    chain = chain.thenCompose(ok -> step(endpointName, channel, "Bootstrap-Finish",
        CoapRequest.to(contact.address(), CoapMethod.POST, List.of("bs"))));
    return chain.whenComplete((ok, failure) -> {
      if (failure == null) {
        LOG.info("bootstrap of {} finished", endpointName);
        listeners.publish(l -> l.finished(endpointName));
      } else {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        LOG.warn("bootstrap of {} failed: {}", endpointName, reason);
        listeners.publish(l -> l.failed(endpointName, reason));
      }
    });
  }

  /**
   * The writes with any Security instance that would land on the client's Bootstrap-Server account
   * (the /0 instance Bootstrap-Discover shows without {@code ssid}) moved to a free instance id, so
   * the client keeps its account as the spec requires — unless it is a new Bootstrap-Server account,
   * which replaces the current one in place (the client may have only one).
   */
  private static Map<LwM2mPath, LwM2mObjectInstance> avoidBootstrapAccount(Map<LwM2mPath, LwM2mObjectInstance> writes,
      CoapResponse discover) {
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    java.util.Set<Integer> bootstrapAccounts = new java.util.HashSet<>();
    try {
      for (org.lwm2m4j.core.link.Link link : org.lwm2m4j.core.link.LinkFormatParser.parse(discover.payload())) {
        Optional<LwM2mPath> path = link.path();
        if (path.isPresent() && path.get().isObjectInstance() && path.get().objectId() == 0) {
          if (link.value("ssid").isEmpty()) {
            bootstrapAccounts.add(path.get().instanceId());
          }
        }
      }
    } catch (RuntimeException e) {
      return writes;
    }
    writes.keySet().stream().filter(p -> p.objectId() == 0).forEach(p -> taken.add(p.instanceId()));
    taken.addAll(bootstrapAccounts);
    Map<LwM2mPath, LwM2mObjectInstance> moved = new java.util.LinkedHashMap<>();
    int next = 0;
    for (Map.Entry<LwM2mPath, LwM2mObjectInstance> write : writes.entrySet()) {
      LwM2mPath path = write.getKey();
      boolean isAccount = write.getValue().resource(1).map(r -> r instanceof org.lwm2m4j.core.node.SingleResource single
          && single.value().equals(org.lwm2m4j.core.value.Value.of(true))).orElse(false);
      if (path.objectId() == 0 && isAccount && !bootstrapAccounts.isEmpty() && !bootstrapAccounts.contains(path.instanceId())) {
        // a configured Bootstrap-Server account replaces the client's current one, in place
        int current = bootstrapAccounts.iterator().next();
        moved.put(LwM2mPath.of(0, current), new LwM2mObjectInstance(current, write.getValue().resources()));
      } else if (path.objectId() == 0 && bootstrapAccounts.contains(path.instanceId()) && !isAccount) {
        while (taken.contains(next)) {
          next++;
        }
        taken.add(next);
        moved.put(LwM2mPath.of(0, next), new LwM2mObjectInstance(next, write.getValue().resources()));
      } else {
        moved.put(path, write.getValue());
      }
    }
    return moved;
  }

  private CompletableFuture<Void> step(String endpointName, CoapEndpoint channel, String operation, CoapRequest request) {
    return exchange(endpointName, channel, operation, request).thenApply(response -> null);
  }

  private CompletableFuture<CoapResponse> exchange(String endpointName, CoapEndpoint channel, String operation,
      CoapRequest request) {
    StepFailure failed = new StepFailure(operation, request.peer(), stepTimeout, coapSettings);
    return channel.send(request, stepTimeout).handle((response, failure) -> {
      if (failure != null) {
        throw new java.util.concurrent.CompletionException(new IOException(failed.describe(failure), failure));
      }
      if (!response.code().isSuccess()) {
        throw LwM2mException.forCode(response.code(), failed.describe(response));
      }
      listeners.publish(l -> l.step(endpointName, operation));
      return response;
    });
  }

  private static List<String> segments(LwM2mPath path) {
    List<String> segments = new ArrayList<>();
    for (int id : path.ids()) {
      segments.add(Integer.toString(id));
    }
    return segments;
  }
}
