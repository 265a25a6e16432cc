package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * The client's inbound chain: every request a server sends the client passes these steps, in this
 * order, composed once when the client starts.
 *
 * <pre>
 *   FailureToResponse   any exception -> its CoAP code (LwM2M errors) or 5.00 and one log line
 *   ChannelGate         SMS: unknown numbers ignored, trigger-only servers 4.03 but for /1/x/8; IP: no answer while asleep
 *   ServerRouting       Bootstrap-Server -> bootstrap handler (bootstrap view); DM server -> its SSID; else 4.01
 *   DmRequestParser     path and operation from method, options and payload (4.04, 4.05, 4.00, 4.15)
 *   OperationLog        one INFO line per operation once answered (org.lwm2m4j.client.operations)
 *   AccessCheck         object 2: 4.01 when not allowed; composites narrowed; ACO instances kept in step
 *   DeviceManagementHandler   the operation on the tree's DM view
 * </pre>
 *
 * <p>To add a behaviour, add a step here; do not add a flag to an existing one.
 */
public final class ClientInbound {
  private ClientInbound() {}

  /**
   * The chain as the transport calls it.
   *
   * @param isBootstrapServer whether a peer is the client's Bootstrap-Server (its commands go to {@code bootstrap})
   * @param servers the Short Server ID of each DM server, by peer
   */
  public static CoapHandler chain(Predicate<InetSocketAddress> isBootstrapServer, CoapHandler bootstrap, ServerIdentity servers,
      AccessControl access, ObjectTree tree, DeviceManagementHandler dm) {
    return chain(isBootstrapServer, bootstrap, servers, InboundChannels.OPEN, access, tree, dm);
  }

  /**
   * The chain as the transport calls it, behind {@code channels}: what the client's SMS and IP
   * sides let in.
   *
   * @param isBootstrapServer whether a peer is the client's Bootstrap-Server (its commands go to {@code bootstrap})
   * @param servers the Short Server ID of each DM server, by peer (a UDP address or an SMS number)
   */
  public static CoapHandler chain(Predicate<InetSocketAddress> isBootstrapServer, CoapHandler bootstrap, ServerIdentity servers,
      InboundChannels channels, AccessControl access, ObjectTree tree, DeviceManagementHandler dm) {
    Service<InboundRequest> chain = new FailureToResponse()
        .andThen(new ChannelGate(channels))
        .andThen(new ServerRouting(isBootstrapServer, bootstrap, servers))
        .andThen(new DmRequestParser(tree))
        .andThen(new OperationLog())
        .andThen(new AccessCheck(access, tree))
        .then(dm);
    return asCoapHandler(chain);
  }

  /** The transport's two entries — a plain request, an Observe with its relation — into one chain. */
  static CoapHandler asCoapHandler(Service<InboundRequest> chain) {
    return new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        return chain.handle(new InboundRequest(request, Optional.empty()));
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        return chain.handle(new InboundRequest(request, Optional.of(relation)));
      }
    };
  }
}
