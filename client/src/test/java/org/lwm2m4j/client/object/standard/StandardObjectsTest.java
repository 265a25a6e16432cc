package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;

class StandardObjectsTest {
  private static final DeviceInfo INFO = new DeviceInfo("Acme", "M1", "S1", "1.0", "", "", "");

  @Test
  void addsEachObjectWithItsSingleInstance() {
    ObjectTree tree = new ObjectTree();
    ObjectModelRegistry models = ObjectModelRegistry.bundled();

    StandardObjects.addDevice(tree, models, new DeviceInstance(INFO, () -> { }, () -> { }, new VirtualScheduler()));
    StandardObjects.addConnectivityMonitoring(tree, models, new ConnectivityMonitoringInstance());
    StandardObjects.addLocation(tree, models, new LocationInstance(48.85, 2.35, Clock.systemUTC()));
    StandardObjects.addConnectivityStatistics(tree, models, new ConnectivityStatisticsInstance());

    assertThat(tree.objectIds()).containsExactly(3, 4, 6, 7);
    assertThat(tree.registrationLinks(Set.of())).extracting(link -> link.path().orElseThrow())
        .contains(LwM2mPath.of(3, 0), LwM2mPath.of(4, 0), LwM2mPath.of(6, 0), LwM2mPath.of(7, 0));
    assertThatThrownBy(() -> tree.dmView().create(6, OptionalInt.of(1), List.of()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anUnknownModelIsRefused() {
    ModelLookup none = id -> Optional.empty();

    assertThatThrownBy(() -> StandardObjects.addDevice(new ObjectTree(), none, new DeviceInstance(INFO, () -> { }, () -> { }, new VirtualScheduler())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object 3");
  }
}
