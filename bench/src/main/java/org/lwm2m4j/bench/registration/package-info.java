/**
 * Registration throughput and memory: the JMH {@link
 * org.lwm2m4j.bench.registration.RegistrationStoreBenchmark} of the in-memory store, and the load
 * runs {@link org.lwm2m4j.bench.registration.RegistrationLoad} (Register/s over UDP) and {@link
 * org.lwm2m4j.bench.registration.RegistrationStoreHeap} (heap per registration). Not part of the
 * product; {@code RegistrationLoad} drives the server with Californium's client directly, which is
 * why bench is outside the rule that only transport imports Californium.
 */
package org.lwm2m4j.bench.registration;
