package org.lwm2m4j.client.dm;

import java.util.Optional;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.ObserveRelation;

/** A request from a DM server the client knows: its Short Server ID and what it sent. */
record ServerRequest(int ssid, CoapRequest coap, Optional<ObserveRelation> relation) {}
