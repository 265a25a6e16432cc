package org.lwm2m4j.transport;

/** The CoAP request methods LwM2M uses (RFC 7252, RFC 8132 for FETCH and iPATCH). */
public enum CoapMethod {
  GET, POST, PUT, DELETE, FETCH, PATCH, IPATCH
}
