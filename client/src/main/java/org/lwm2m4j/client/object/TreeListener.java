package org.lwm2m4j.client.object;

import java.util.Set;
import org.lwm2m4j.core.path.LwM2mPath;

/** Hears changes of an {@link ObjectTree}: values (for notifications) and instances (for registration updates). */
public interface TreeListener {
  /** Values changed at these resource paths (or whole instances, when created or deleted). */
  default void valuesChanged(Set<LwM2mPath> paths) {}

  /** Instances were created or deleted: the registration's object list changed. */
  default void instancesChanged() {}
}
