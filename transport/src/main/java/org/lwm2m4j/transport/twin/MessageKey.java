package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;

/** A CoAP message's identity for matching and deduplication: the peer and the message ID (RFC 7252 §4.5). */
record MessageKey(InetSocketAddress peer, int messageId) {
}
