package org.lwm2m4j.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of the core objects (0–7) that each LwM2M enabler release defines: what a client
 * registering with {@code lwm2m=1.1} implements unless it says otherwise, and what a server
 * assumes for a core object announced without {@code ver}. Stateless.
 *
 * <p>The releases' tables (Core TS appendix E, the registry's {@code version_history} files and
 * the same table in Eclipse Leshan):
 *
 * <ul>
 *   <li>1.0: every core object at 1.0;
 *   <li>1.1 (1.1.1): Security 1.1, Server 1.1, Access Control 1.0, Device 1.1, Connectivity
 *       Monitoring 1.2, Firmware Update 1.0, Location 1.0, Connectivity Statistics 1.0;
 *   <li>1.2 (1.2.1): Security 1.2, Server 1.2, Access Control 1.1, Device 1.2, Connectivity
 *       Monitoring 1.3, Firmware Update 1.1 (its 1.2 came after 1.2.1), Location 1.0,
 *       Connectivity Statistics 1.0.
 * </ul>
 */
public final class CoreObjectVersions {
  private static final Version V1_3 = new Version(1, 3);

  private static final Map<Version, Map<Integer, Version>> RELEASES =
      Map.of(
          Version.V1_0,
          Map.of(
              0, Version.V1_0, 1, Version.V1_0, 2, Version.V1_0, 3, Version.V1_0,
              4, Version.V1_0, 5, Version.V1_0, 6, Version.V1_0, 7, Version.V1_0),
          Version.V1_1,
          Map.of(
              0, Version.V1_1, 1, Version.V1_1, 2, Version.V1_0, 3, Version.V1_1,
              4, Version.V1_2, 5, Version.V1_0, 6, Version.V1_0, 7, Version.V1_0),
          Version.V1_2,
          Map.of(
              0, Version.V1_2, 1, Version.V1_2, 2, Version.V1_1, 3, Version.V1_2,
              4, V1_3, 5, Version.V1_1, 6, Version.V1_0, 7, Version.V1_0));

  private CoreObjectVersions() {}

  /** Whether {@code lwm2mVersion} is an enabler release this table knows: 1.0, 1.1 or 1.2. */
  public static boolean isKnownRelease(Version lwm2mVersion) {
    return RELEASES.containsKey(Objects.requireNonNull(lwm2mVersion, "lwm2mVersion"));
  }

  /**
   * The version of object {@code objectId} that enabler release {@code lwm2mVersion} defines;
   * empty when the object is not a core object or the release is not known.
   */
  public static Optional<Version> of(int objectId, Version lwm2mVersion) {
    Map<Integer, Version> release = RELEASES.get(Objects.requireNonNull(lwm2mVersion, "lwm2mVersion"));
    return release == null ? Optional.empty() : Optional.ofNullable(release.get(objectId));
  }

  /**
   * Whether a client registering with {@code lwm2mVersion} may leave {@code ver} off its link to
   * object {@code objectId} at {@code objectVersion} (Register, Update, Discover): a core object at
   * the version of that release, or any other object at 1.0. Otherwise the link must carry {@code
   * ver}.
   */
  public static boolean isImplied(int objectId, Version objectVersion, Version lwm2mVersion) {
    Objects.requireNonNull(objectVersion, "objectVersion");
    return objectVersion.equals(of(objectId, lwm2mVersion).orElse(Version.V1_0));
  }
}
