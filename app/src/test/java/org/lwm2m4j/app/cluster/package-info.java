/**
 * Tests of several server nodes behind one UDP address: the nginx {@code stream} balancer the tests start
 * ({@link org.lwm2m4j.app.cluster.NginxUdpBalancer}) and the end-to-end runs of nodes behind it.
 */
package org.lwm2m4j.app.cluster;
