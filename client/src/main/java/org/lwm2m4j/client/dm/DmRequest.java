package org.lwm2m4j.client.dm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * A DM request once parsed: who asks ({@code ssid}), which operation on which path, the CoAP
 * request it came as, and the Observe relation if any. Composite operations carry their decoded
 * {@code targets} (Read- and Observe-Composite) or {@code values} (Write-Composite, in payload
 * order); {@code readable} is what access control lets the server read of a whole object.
 */
record DmRequest(int ssid, DmOperation operation, LwM2mPath path, CoapRequest coap, Optional<ObserveRelation> relation,
    List<LwM2mPath> targets, Map<LwM2mPath, LwM2mNode> values, Predicate<LwM2mPath> readable) {
  private static final Predicate<LwM2mPath> EVERYTHING = path -> true;

  DmRequest {
    targets = List.copyOf(targets);
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A request with no composite content, whose server may read everything. */
  static DmRequest of(ServerRequest request, DmOperation operation, LwM2mPath path) {
    return new DmRequest(request.ssid(), operation, path, request.coap(), request.relation(), List.of(), Map.of(), EVERYTHING);
  }

  DmRequest withTargets(List<LwM2mPath> newTargets) {
    return new DmRequest(ssid, operation, path, coap, relation, newTargets, values, readable);
  }

  DmRequest withValues(Map<LwM2mPath, LwM2mNode> newValues) {
    return new DmRequest(ssid, operation, path, coap, relation, targets, newValues, readable);
  }

  DmRequest withReadable(Predicate<LwM2mPath> newReadable) {
    return new DmRequest(ssid, operation, path, coap, relation, targets, values, newReadable);
  }
}
