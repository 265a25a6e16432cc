package org.lwm2m4j.core.codec.single;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Paths into {@link TestModels#ALL_TYPES} (object 9999), which holds a single resource {@code 2k}
 * and a multiple resource {@code 2k+1} for the k-th {@link ResourceType}.
 */
final class AllTypesPaths {
  private AllTypesPaths() {}

  /** The single-instance resource of {@code type}. */
  static LwM2mPath single(ResourceType type) {
    return LwM2mPath.of(9999, 0, 2 * type.ordinal());
  }

  /** Instance 0 of the multiple resource of {@code type}. */
  static LwM2mPath instance(ResourceType type) {
    return LwM2mPath.of(9999, 0, 2 * type.ordinal() + 1, 0);
  }

  /** Every value-carrying resource and resource instance of object 9999, for fuzz targets. */
  static final List<LwM2mPath> VALUE_PATHS = valuePaths();

  static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  private static List<LwM2mPath> valuePaths() {
    List<LwM2mPath> paths = new ArrayList<>();
    for (ResourceType type : ResourceType.values()) {
      if (type != ResourceType.NONE) {
        paths.add(single(type));
        paths.add(instance(type));
      }
    }
    return List.copyOf(paths);
  }
}
