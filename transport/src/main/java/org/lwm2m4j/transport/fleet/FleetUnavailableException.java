package org.lwm2m4j.transport.fleet;

/**
 * This JVM or operating system cannot run a {@link FleetSocket}; the message says what is missing
 * (Linux, the incubating Foreign Function module, native access) and how to fall back.
 */
public final class FleetUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  FleetUnavailableException(String reason) {
    super(reason + "; a fleet socket needs Linux (IP_PKTINFO) and the JVM options"
        + " '--add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED'."
        + " Elsewhere, give each simulated device its own DatagramChannel (about 19,000 per process"
        + " under an open-file limit of 20,000)");
  }

  FleetUnavailableException(String reason, Throwable cause) {
    this(reason);
    initCause(cause);
  }
}
