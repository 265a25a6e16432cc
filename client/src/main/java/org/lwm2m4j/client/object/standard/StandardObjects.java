package org.lwm2m4j.client.object.standard;

import java.util.List;
import org.lwm2m4j.client.object.InstanceEnabler;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;

/**
 * Puts the standard objects' enablers into an {@link ObjectTree}, each under its model from {@code
 * models} (usually {@code ObjectModelRegistry.bundled()}). These objects are single-instance, so
 * the tree refuses a server's Create; the factory given for one (a {@link StoredInstance}) only
 * serves a Bootstrap-Write after the instance was deleted.
 */
public final class StandardObjects {
  /** Object ids. */
  public static final int DEVICE = 3;
  public static final int CONNECTIVITY_MONITORING = 4;
  public static final int LOCATION = 6;
  public static final int CONNECTIVITY_STATISTICS = 7;

  private StandardObjects() {}

  /** Adds the Device object (3) with its instance {@code /3/0}. */
  public static void addDevice(ObjectTree tree, ModelLookup models, DeviceInstance device) {
    add(tree, models, DEVICE, device);
  }

  /** Adds the Connectivity Monitoring object (4) with its instance {@code /4/0}. */
  public static void addConnectivityMonitoring(ObjectTree tree, ModelLookup models,
      ConnectivityMonitoringInstance connectivity) {
    add(tree, models, CONNECTIVITY_MONITORING, connectivity);
  }

  /** Adds the Location object (6) with its instance {@code /6/0}. */
  public static void addLocation(ObjectTree tree, ModelLookup models, LocationInstance location) {
    add(tree, models, LOCATION, location);
  }

  /** Adds the Connectivity Statistics object (7) with its instance {@code /7/0}. */
  public static void addConnectivityStatistics(ObjectTree tree, ModelLookup models,
      ConnectivityStatisticsInstance statistics) {
    add(tree, models, CONNECTIVITY_STATISTICS, statistics);
  }

  private static void add(ObjectTree tree, ModelLookup models, int objectId, InstanceEnabler instance) {
    ObjectModel model = models.objectModel(objectId)
        .orElseThrow(() -> new IllegalArgumentException("no model for object " + objectId));
    tree.addObject(model, StoredInstance::new, List.of(instance));
  }
}
