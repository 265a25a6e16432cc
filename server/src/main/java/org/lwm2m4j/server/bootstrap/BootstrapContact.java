package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;

/**
 * Where and how a client last reached the Bootstrap-Server: where a push goes.
 *
 * @param secure whether it came over DTLS (a push then goes over DTLS too)
 */
record BootstrapContact(InetSocketAddress address, boolean secure) {}
