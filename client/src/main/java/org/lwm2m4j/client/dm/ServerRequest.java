package org.lwm2m4j.client.dm;

import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.ObserveRelation;
import java.util.Optional;

/** A request from a DM server the client knows: its Short Server ID and what it sent. */
record ServerRequest(int ssid, CoapRequest coap, Optional<ObserveRelation> relation) {}
