/**
 * The cluster benchmark: one {@code lwm2m server} with the SQLite store against three nodes on Redis
 * behind nginx, loaded by {@code lwm2m simulate} in one run (see {@link org.lwm2m4j.bench.cluster.ClusterBench}).
 */
package org.lwm2m4j.bench.cluster;
