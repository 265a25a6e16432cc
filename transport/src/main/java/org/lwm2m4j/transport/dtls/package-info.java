/**
 * DTLS 1.2 for endpoints in our own terms: {@link org.lwm2m4j.transport.dtls.DtlsSettings} (PSK,
 * raw public keys, X.509, Connection ID, session resumption), a server endpoint as one node of a
 * DTLS cluster behind a load balancer ({@link org.lwm2m4j.transport.dtls.DtlsClusterSettings},
 * the other nodes found through {@link org.lwm2m4j.transport.dtls.DtlsClusterNodes}), {@link
 * org.lwm2m4j.transport.dtls.DtlsConnectors}, which alone knows Scandium's configuration, and the
 * {@link org.lwm2m4j.transport.dtls.PeerIdentity} a handshake proved.
 */
package org.lwm2m4j.transport.dtls;
