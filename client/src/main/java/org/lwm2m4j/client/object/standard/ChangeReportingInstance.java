package org.lwm2m4j.client.object.standard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.node.LwM2mResource;

/**
 * A stored instance whose application-side setters report only real changes: observers hear of a
 * resource when its value differs from before, so a sensor polled with the same reading does not
 * trigger notifications.
 */
abstract class ChangeReportingInstance extends StoredInstance {
  private final Object updateLock = new Object();

  ChangeReportingInstance(int id, List<? extends LwM2mResource> resources) {
    super(id, resources);
  }

  /** Stores the resources that differ from their current value and reports them in one change. */
  final void update(LwM2mResource... resources) {
    List<Integer> changedIds = new ArrayList<>();
    synchronized (updateLock) {
      for (LwM2mResource resource : resources) {
        if (!resource(resource.id()).equals(Optional.of(resource))) {
          super.write(resource);
          changedIds.add(resource.id());
        }
      }
    }
    report(changedIds);
  }

  /** Removes an optional resource, reporting it if it was present. */
  final void clear(int resourceId) {
    boolean present;
    synchronized (updateLock) {
      present = resource(resourceId).isPresent();
      super.remove(resourceId);
    }
    if (present) {
      changed(resourceId);
    }
  }

  // Observers are told outside the lock: a listener may read the tree, which locks it.
  private void report(List<Integer> ids) {
    if (!ids.isEmpty()) {
      changed(ids.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
