package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bundled definitions, checked against the tables of objects.md. */
class BundledModelsTest {
  private final ObjectModelRegistry bundled = ObjectModelRegistry.bundled();

  private ResourceModel resource(int objectId, int resourceId) {
    return bundled.resourceModel(objectId, resourceId).orElseThrow();
  }

  @Test
  void bundlesTheCoreObjectsAtTheirNewestVersions() {
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7))
        .extracting(id -> bundled.objectModel(id).orElseThrow().version().toString())
        .containsExactly("1.2", "1.2", "1.1", "1.2", "1.3", "1.2", "1.0", "1.0");
  }

  @Test
  void bundlesTheCommonIpsoObjects() {
    assertThat(bundled.models())
        .extracting(ObjectModel::id)
        .contains(
            3200, 3201, 3202, 3203, 3300, 3301, 3302, 3303, 3304, 3305, 3306, 3308, 3311, 3312,
            3313, 3314, 3315, 3316, 3317, 3323, 3328, 3341, 3342, 3347);
    assertThat(bundled.models())
        .filteredOn(model -> model.id() >= 3200)
        .allSatisfy(
            model -> {
              assertThat(model.multiple()).as("%s is multiple", model).isTrue();
              assertThat(model.mandatory()).as("%s is optional", model).isFalse();
              assertThat(model.urn()).startsWith("urn:oma:lwm2m:ext:" + model.id());
            });
  }

  @Test
  void everyBundledModelHasNamesAndDescriptions() {
    assertThat(bundled.models()).hasSize(32);
    for (ObjectModel model : bundled.models()) {
      assertThat(model.name()).as("name of %s", model).isNotBlank();
      assertThat(model.description()).as("description of %s", model).isNotBlank();
      for (ResourceModel resource : model.resources()) {
        assertThat(resource.name()).as("name of /%s/%s", model.id(), resource.id()).isNotBlank();
        assertThat(resource.description())
            .as("description of /%s/%s", model.id(), resource.id())
            .isNotBlank();
        assertThat(resource.operations() == Operations.E)
            .as("/%s/%s is executable exactly when it has no type", model.id(), resource.id())
            .isEqualTo(resource.type() == ResourceType.NONE);
      }
    }
  }

  @Test
  void security() {
    ObjectModel security = bundled.objectModel(0).orElseThrow();

    assertThat(security.name()).isEqualTo("LwM2M Security");
    assertThat(security.urn()).isEqualTo("urn:oma:lwm2m:oma:0:1.2");
    assertThat(security.multiple()).isTrue();
    assertThat(security.mandatory()).isTrue();
    assertThat(security.resources()).extracting(ResourceModel::id).containsExactlyElementsOf(range(0, 30));
    assertThat(security.resources()).extracting(ResourceModel::operations).containsOnly(Operations.NONE);
    assertThat(resource(0, 0))
        .isEqualTo(
            new ResourceModel(
                0, "LwM2M Server URI", Operations.NONE, false, true, ResourceType.STRING, "0..255", "",
                resource(0, 0).description()));
    assertThat(resource(0, 10).rangeEnumeration()).isEqualTo("1..65534");
    assertThat(resource(0, 11).units()).isEqualTo("s");
    assertThat(resource(0, 16).type()).isEqualTo(ResourceType.UNSIGNED_INTEGER);
    assertThat(resource(0, 16).multiple()).isTrue();
    assertThat(resource(0, 17).type()).isEqualTo(ResourceType.OBJLNK);
    assertThat(resource(0, 28).rangeEnumeration()).isEqualTo("0..15");
  }

  @Test
  void server() {
    ObjectModel server = bundled.objectModel(1).orElseThrow();

    assertThat(server.resources()).extracting(ResourceModel::id).containsExactlyElementsOf(range(0, 27));
    assertThat(resource(1, 1))
        .extracting(
            ResourceModel::name,
            ResourceModel::operations,
            ResourceModel::mandatory,
            ResourceModel::type,
            ResourceModel::units)
        .containsExactly("Lifetime", Operations.RW, true, ResourceType.INTEGER, "s");
    assertThat(resource(1, 4).operations()).isEqualTo(Operations.E);
    assertThat(resource(1, 4).type()).isEqualTo(ResourceType.NONE);
    assertThat(resource(1, 9))
        .extracting(ResourceModel::name, ResourceModel::operations, ResourceModel::mandatory)
        .containsExactly("Bootstrap-Request Trigger", Operations.E, false);
    // Version 1.2 gives 13..20 DM operations: 13, 15, 16 read-only, the rest read-write.
    assertThat(List.of(13, 14, 15, 16, 17, 18, 19, 20))
        .extracting(id -> resource(1, id).operations())
        .containsExactly(
            Operations.R, Operations.RW, Operations.R, Operations.R,
            Operations.RW, Operations.RW, Operations.RW, Operations.RW);
    assertThat(resource(1, 24).multiple()).isTrue();
    assertThat(resource(1, 24).type()).isEqualTo(ResourceType.OBJLNK);
    assertThat(resource(1, 26).rangeEnumeration()).isEqualTo("0..1");
  }

  @Test
  void accessControl() {
    assertThat(bundled.objectModel(2).orElseThrow().mandatory()).isFalse();
    assertThat(resource(2, 2))
        .isEqualTo(
            new ResourceModel(
                2, "ACL", Operations.RW, true, false, ResourceType.INTEGER, "0..31", "",
                resource(2, 2).description()));
    assertThat(resource(2, 1).rangeEnumeration()).isEqualTo("0..65535");
  }

  @Test
  void device() {
    ObjectModel device = bundled.objectModel(3).orElseThrow();

    assertThat(device.multiple()).isFalse();
    assertThat(device.mandatory()).isTrue();
    assertThat(device.resources()).extracting(ResourceModel::id).containsExactlyElementsOf(range(0, 22));
    assertThat(device.resources())
        .filteredOn(ResourceModel::mandatory)
        .extracting(ResourceModel::id)
        .containsExactly(4, 11, 16);
    assertThat(resource(3, 11))
        .isEqualTo(
            new ResourceModel(
                11, "Error Code", Operations.R, true, true, ResourceType.INTEGER, "0..32", "",
                resource(3, 11).description()));
    assertThat(resource(3, 13).type()).isEqualTo(ResourceType.TIME);
    assertThat(resource(3, 13).operations()).isEqualTo(Operations.RW);
    assertThat(resource(3, 9).rangeEnumeration()).isEqualTo("0..100");
    assertThat(resource(3, 7).units()).isEqualTo("mV");
    assertThat(resource(3, 22).type()).isEqualTo(ResourceType.OBJLNK);
    assertThat(resource(3, 22).multiple()).isTrue();
  }

  @Test
  void connectivityMonitoring() {
    assertThat(bundled.objectModel(4).orElseThrow().resources())
        .extracting(ResourceModel::id)
        .containsExactlyElementsOf(range(0, 13));
    assertThat(resource(4, 1).multiple()).isTrue();
    assertThat(resource(4, 1).mandatory()).isTrue();
    assertThat(resource(4, 2).units()).isEqualTo("dBm");
    assertThat(resource(4, 13).rangeEnumeration()).isEqualTo("0..4");
  }

  @Test
  void firmwareUpdateHasNoResourceFour() {
    ObjectModel firmware = bundled.objectModel(5).orElseThrow();

    assertThat(firmware.resource(4)).isEmpty();
    assertThat(firmware.resources()).extracting(ResourceModel::id)
        .containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertThat(resource(5, 0).operations()).isEqualTo(Operations.W);
    assertThat(resource(5, 0).type()).isEqualTo(ResourceType.OPAQUE);
    assertThat(resource(5, 5).rangeEnumeration()).isEqualTo("0..11");
    assertThat(resource(5, 8).multiple()).isTrue();
    assertThat(resource(5, 13).type()).isEqualTo(ResourceType.UNSIGNED_INTEGER);
    assertThat(resource(5, 14).type()).isEqualTo(ResourceType.BOOLEAN);
  }

  @Test
  void locationAndConnectivityStatistics() {
    assertThat(resource(6, 0))
        .extracting(ResourceModel::name, ResourceModel::type, ResourceModel::mandatory, ResourceModel::units)
        .containsExactly("Latitude", ResourceType.FLOAT, true, "lat");
    assertThat(resource(6, 4).type()).isEqualTo(ResourceType.OPAQUE);
    assertThat(resource(6, 5).type()).isEqualTo(ResourceType.TIME);
    assertThat(resource(7, 6))
        .extracting(ResourceModel::name, ResourceModel::operations, ResourceModel::mandatory)
        .containsExactly("Start", Operations.E, true);
    assertThat(resource(7, 8).units()).isEqualTo("s");
  }

  @Test
  void temperatureAndLightControl() {
    assertThat(resource(3303, 5700))
        .extracting(
            ResourceModel::name,
            ResourceModel::operations,
            ResourceModel::multiple,
            ResourceModel::mandatory,
            ResourceModel::type)
        .containsExactly("Sensor Value", Operations.R, false, true, ResourceType.FLOAT);
    assertThat(bundled.objectModel(3303).orElseThrow().resources())
        .extracting(ResourceModel::id)
        .containsExactly(5518, 5601, 5602, 5603, 5604, 5605, 5700, 5701, 5750, 6042, 6049, 6050);
    assertThat(resource(3303, 6050).rangeEnumeration()).isEqualTo("0..1");
    assertThat(resource(3303, 6050).units()).isEqualTo("s");

    ObjectModel light = bundled.objectModel(3311).orElseThrow();
    assertThat(light.version()).isEqualTo(Version.V1_0);
    assertThat(light.urn()).isEqualTo("urn:oma:lwm2m:ext:3311");
    assertThat(resource(3311, 5850).type()).isEqualTo(ResourceType.BOOLEAN);
    assertThat(resource(3311, 5851))
        .extracting(ResourceModel::type, ResourceModel::operations, ResourceModel::rangeEnumeration)
        .containsExactly(ResourceType.INTEGER, Operations.RW, "0..100");
    assertThat(resource(3311, 5805).units()).isEqualTo("Wh");
    assertThat(resource(3341, 5530).operations()).isEqualTo(Operations.E);
  }

  @Test
  void isLoadedOnceAndShared() {
    assertThat(ObjectModelRegistry.bundled()).isSameAs(bundled);
  }

  private static List<Integer> range(int first, int last) {
    return IntStream.rangeClosed(first, last).boxed().toList();
  }
}
