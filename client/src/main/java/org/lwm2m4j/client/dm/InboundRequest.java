package org.lwm2m4j.client.dm;

import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * A request as it enters the client's chain: the CoAP request and, for a GET or FETCH with
 * Observe = 0, the relation notifications would go through.
 */
record InboundRequest(CoapRequest coap, Optional<ObserveRelation> relation) {
  InboundRequest {
    Objects.requireNonNull(coap, "coap");
    Objects.requireNonNull(relation, "relation");
  }
}
