package org.lwm2m4j.bench.cluster;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One deployment's figures. CPU in µs per operation: {@code node…} summed over the node processes,
 * {@code simulator…} the {@code lwm2m simulate} process, {@code httpClient…} this JVM's (the REST client),
 * {@code shared…} Redis and nginx together (empty for one node without them). Heap per registration: each
 * node's growth after full collections, divided by the registrations; with several nodes, the mean and the
 * range over them. Redis: {@code used_memory}'s growth per registration and {@code MEMORY USAGE} of one
 * registration's key. {@code routedShare}: Reads that reached a node other than the device's owner.
 */
record ClusterRow(String name, int nodes, double registrationsPerSecond, double readsPerSecond, double nodeCpuPerRegistration,
    double nodeCpuPerRead, double heapPerRegistration, double heapMin, double heapMax, OptionalDouble redisBytesPerRegistration,
    OptionalLong redisKeyBytes, OptionalDouble redisExpiryBytesPerRegistration, double simulatorCpuPerRegistration,
    double simulatorCpuPerRead, double httpClientCpuPerRead, OptionalDouble sharedCpuPerRegistration, OptionalDouble sharedCpuPerRead,
    OptionalDouble routedShare) {

  /** The load side's CPU per Read: the REST client and the simulated devices answering. */
  double generatorCpuPerRead() {
    return simulatorCpuPerRead + httpClientCpuPerRead;
  }
}
