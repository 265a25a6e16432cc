package org.lwm2m4j.transport.fleet;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether this JVM can open a {@link FleetSocket}, checked before any class of the incubating
 * Foreign Function API is touched (touching one without the module fails with a linkage error
 * instead of a message).
 */
public final class FleetSupport {

  private static final String MODULE = "jdk.incubator.foreign";

  private FleetSupport() {}

  /** Why a fleet socket cannot be opened here, or empty when it can. */
  public static Optional<String> unavailableReason() {
    try {
      natives();
      return Optional.empty();
    } catch (FleetUnavailableException e) {
      return Optional.of(e.getMessage());
    }
  }

  static NativeSockets natives() {
    String os = System.getProperty("os.name", "");
    if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
      throw new FleetUnavailableException("this is " + os + ", not Linux");
    }
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
      throw new FleetUnavailableException("structure layouts are known for amd64 and aarch64, not " + arch);
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      throw new FleetUnavailableException("the module " + MODULE + " is not loaded");
    }
    return loaded();
  }

  private static NativeSockets natives;

  /** Binds the calls once; a failure is not cached, so its message comes again on the next try. */
  private static synchronized NativeSockets loaded() {
    if (natives == null) {
      natives = NativeSockets.load();
    }
    return natives;
  }
}
