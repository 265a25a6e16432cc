package org.lwm2m4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;

/**
 * The Send operation (1.1) of the Information Reporting interface: current values, timestamped,
 * in SenML CBOR, to every registered server that has not muted Send and may read them.
 */
final class ServerSend {
  private final ObjectTree tree;
  private final RegistrationEngine registrations;
  private final AccessControl access;
  private final CoapEndpoint endpoint;
  private final Clock clock;
  private final Duration requestTimeout;

  /**
   * @param endpoint the plain endpoint, for servers without a channel of their own
   */
  ServerSend(ObjectTree tree, RegistrationEngine registrations, AccessControl access, CoapEndpoint endpoint, Clock clock,
      Duration requestTimeout) {
    this.tree = tree;
    this.registrations = registrations;
    this.access = access;
    this.endpoint = endpoint;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
  }

  /** See {@link LwM2mClient#send}. */
  CompletableFuture<Void> send(List<LwM2mPath> paths) {
    if (paths.isEmpty()) {
      throw new InvalidRequestException("Send needs at least one path");
    }
    Instant now = clock.instant();
    List<TimestampedNode> values = new ArrayList<>();
    for (LwM2mPath path : paths) {
      values.add(TimestampedNode.at(now, path, tree.dmView().read(path)));
    }
    Map<Integer, String> registered = registrations.registrations();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (ServerAccount account : registrations.accounts()) {
      if (!registered.containsKey(account.shortServerId()) || account.muteSend()) {
        continue;
      }
      // a server only receives what it may read (security.md §7.4)
      List<TimestampedNode> readable = new ArrayList<>();
      for (TimestampedNode value : values) {
        if (!access.enabled() || access.canRead(account.shortServerId(), value.path())) {
          readable.add(value);
        }
      }
      if (!readable.isEmpty()) {
        sends.add(send(account, readable));
      }
    }
    if (sends.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no registered server accepts Send (muted or not registered)"));
    }
    return CompletableFuture.allOf(sends.toArray(new CompletableFuture[0]));
  }

  private CompletableFuture<Void> send(ServerAccount account, List<TimestampedNode> values) {
    byte[] payload = NodeCodecs.standard().composite(ContentFormat.SENML_CBOR).orElseThrow().encodeTimestamped(values, tree);
    CoapRequest request = CoapRequest.to(account.address(), CoapMethod.POST, List.of("dp"))
        .withPayload(ContentFormat.SENML_CBOR.code(), payload);
    CoapEndpoint channel = registrations.endpointOf(account.shortServerId()).orElse(endpoint);
    return channel.send(request, requestTimeout).thenAccept(response -> {
      if (!response.code().isSuccess()) {
        throw LwM2mException.forCode(response.code(), "server " + account.shortServerId() + " refused Send: "
            + new String(response.payload(), StandardCharsets.UTF_8));
      }
    });
  }
}
