package org.lwm2m4j.server.uplink;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.server.cluster.Ownership;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * On a cluster node: a message from a registered device that reaches this node makes this node its
 * owner, since behind a UDP balancer only the node the device's session leads to can reach it — a
 * request here, before it is routed; a notification, which goes to its observation and not to the
 * router, through {@link #heardFrom}. Register and Update need no claim: the store records their
 * node as owner with them.
 */
public final class OwnershipFollowsTraffic implements UplinkFilter {
  private final RegistrationStore registrations;
  private final Ownership ownership;

  public OwnershipFollowsTraffic(RegistrationStore registrations, Ownership ownership) {
    this.registrations = registrations;
    this.ownership = ownership;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(CoapRequest request, CoapHandler next) {
    registrations.byAddress(request.peer()).ifPresent(registration -> heardFrom(registration, request.peer()));
    return next.handle(request);
  }

  /** {@code registration}'s device was heard from {@code from} on this node: claims it unless this node owns it. */
  public void heardFrom(Registration registration, InetSocketAddress from) {
    if (!ownership.ownerOf(registration).equals(Optional.of(ownership.self()))) {
      ownership.claim(registration, from);
    }
  }
}
