package org.lwm2m4j.bench.sidebyside;

/**
 * What one server measured in a side-by-side run. Rates are operations per second of wall time;
 * CPU figures are microseconds of process CPU time per operation — {@code server…} the server's
 * child JVM alone, {@code generator…} the parent's (the generator, or the answering clients for Reads);
 * {@code retransmissions} counts the generator's measured Registers and Updates sent again for want of an ACK.
 */
record ServerResult(
    String name,
    double registerRate,
    double serverCpuPerRegister,
    double generatorCpuPerRegister,
    double updateRate,
    double serverCpuPerUpdate,
    double generatorCpuPerUpdate,
    long retransmissions,
    double readRate,
    double serverCpuPerRead,
    double clientsCpuPerRead,
    long heapPerRegistration,
    int heapRegistrations) {}
