/**
 * Several server nodes sharing one Redis: which node owns each device's exchange ({@link
 * org.lwm2m4j.server.cluster.Ownership}), how nodes find each other, and how a request for a
 * device owned by another node reaches it through the downlink chain.
 */
package org.lwm2m4j.server.cluster;
