package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bundled definitions (the OMA registry's files), checked against the tables of objects.md,
 * and the older versions of the core objects that clients of each LwM2M release implement.
 */
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
  void bundlesTheOlderVersionsOfTheCoreObjects() {
    assertThat(List.of(0, 1, 2, 3, 4, 5))
        .extracting(id -> versions(id))
        .containsExactly(
            List.of("1.0", "1.1", "1.2"),
            List.of("1.0", "1.1", "1.2"),
            List.of("1.0", "1.1"),
            List.of("1.0", "1.1", "1.2"),
            List.of("1.0", "1.1", "1.2", "1.3"),
            List.of("1.0", "1.1", "1.2"));
  }

  @Test
  void olderVersionsHoldTheResourcesOfTheirRelease() {
    // objects.md: /0 1.0 = resources 0-12, /1 1.0 = 0-8, 1.1 adds 9-23; /5 1.1 adds 10-13.
    assertThat(bundled.objectModel(0, Version.V1_0).orElseThrow().resources())
        .extracting(ResourceModel::id)
        .containsExactlyElementsOf(range(0, 12));
    assertThat(bundled.objectModel(1, Version.V1_0).orElseThrow().resources())
        .extracting(ResourceModel::id)
        .containsExactlyElementsOf(range(0, 8));
    assertThat(bundled.objectModel(1, Version.V1_1).orElseThrow().resources())
        .extracting(ResourceModel::id)
        .containsExactlyElementsOf(range(0, 23));
    assertThat(bundled.objectModel(5, Version.V1_0).orElseThrow().resource(10)).isEmpty();
    assertThat(bundled.objectModel(5, Version.V1_1).orElseThrow().resource(13)).isPresent();
    assertThat(bundled.objectModel(5, Version.V1_1).orElseThrow().resource(14)).isEmpty();
    // /3 keeps resources 0-22 in every version; the Error Code range grew.
    assertThat(bundled.objectModel(3, Version.V1_0).orElseThrow().resource(11).orElseThrow().rangeEnumeration())
        .isEqualTo("0-8");
    assertThat(resource(3, 11).rangeEnumeration()).isEqualTo("0..32");
  }

  @Test
  void olderVersionsResolveForClientsThatAnnounceThem() {
    ModelLookup lwm2m10 =
        bundled.forVersions(Map.of(1, Version.V1_0, 3, Version.V1_0, 4, Version.V1_1));

    assertThat(lwm2m10.objectModel(1).orElseThrow().version()).isEqualTo(Version.V1_0);
    assertThat(lwm2m10.resourceModel(1, 9)).isEmpty();
    assertThat(lwm2m10.objectModel(3).orElseThrow().version()).isEqualTo(Version.V1_0);
    assertThat(lwm2m10.objectModel(4).orElseThrow().resources()).hasSize(12);
    assertThat(lwm2m10.objectModel(5).orElseThrow().version()).isEqualTo(Version.V1_2);
    assertThat(bundled.nearest(4, new Version(1, 4)).orElseThrow().version()).isEqualTo(new Version(1, 3));
    assertThat(bundled.nearest(21, Version.V1_1).orElseThrow().resource(0).orElseThrow().type())
        .isEqualTo(ResourceType.STRING);
    assertThat(bundled.objectModel(21).orElseThrow().resource(0).orElseThrow().type())
        .isEqualTo(ResourceType.OPAQUE);
  }

  @Test
  void knowsEveryRegistryObjectOutOfTheBox() {
    assertThat(bundled.models().stream().map(ObjectModel::id).distinct().count())
        .isGreaterThanOrEqualTo(300);
    assertThat(bundled.objectModel(16).orElseThrow().name()).isEqualTo("Portfolio");
    assertThat(bundled.objectModel(3303).orElseThrow().name()).isEqualTo("Temperature");
    assertThat(bundled.objectModel(10241).orElseThrow().urn()).isEqualTo("urn:oma:lwm2m:x:10241");
  }

  @Test
  void bundlesTheCommonIpsoObjects() {
    List<Integer> ipso =
        List.of(
            3200, 3201, 3202, 3203, 3300, 3301, 3302, 3303, 3304, 3305, 3306, 3308, 3311, 3312,
            3313, 3314, 3315, 3316, 3317, 3323, 3328, 3341, 3342, 3347);
    assertThat(bundled.models()).extracting(ObjectModel::id).containsAll(ipso);
    assertThat(bundled.models())
        .filteredOn(model -> ipso.contains(model.id()))
        .allSatisfy(
            model -> {
              assertThat(model.multiple()).as("%s is multiple", model).isTrue();
              assertThat(model.mandatory()).as("%s is optional", model).isFalse();
              assertThat(model.urn()).startsWith("urn:oma:lwm2m:ext:" + model.id());
            });
  }

  @Test
  void everyBundledModelHasNamesAndDescriptions() {
    assertThat(bundled.models()).hasSize(345);
    for (ObjectModel model : bundled.models()) {
      assertThat(model.name()).as("name of %s", model).isNotBlank();
      assertThat(model.description()).as("description of %s", model).isNotBlank();
      for (ResourceModel resource : model.resources()) {
        assertThat(resource.name()).as("name of /%s/%s", model.id(), resource.id()).isNotBlank();
        assertThat(resource.description())
            .as("description of /%s/%s", model.id(), resource.id())
            .isNotBlank();
        if (model.id() == 10482 && resource.id() == 5) {
          continue; // the registry's one readable resource without a type
        }
        assertThat(resource.operations() == Operations.E)
            .as("/%s/%s is executable exactly when it has no type", model.id(), resource.id())
            .isEqualTo(resource.type() == ResourceType.NONE);
      }
    }
  }

  @Test
  void security() {
    ObjectModel security = bundled.objectModel(0).orElseThrow();

    assertThat(security.name()).isEqualTo("LWM2M Security");
    assertThat(security.urn()).isEqualTo("urn:oma:lwm2m:oma:0:1.2");
    assertThat(security.multiple()).isTrue();
    assertThat(security.mandatory()).isTrue();
    assertThat(security.resources()).extracting(ResourceModel::id).containsExactlyElementsOf(range(0, 30));
    assertThat(security.resources()).extracting(ResourceModel::operations).containsOnly(Operations.NONE);
    assertThat(resource(0, 0))
        .isEqualTo(
            new ResourceModel(
                0, "LWM2M  Server URI", Operations.NONE, false, true, ResourceType.STRING, "0..255", "",
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
    assertThat(resource(3, 9).units()).isEqualTo("/100");
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

  private List<String> versions(int objectId) {
    return bundled.models().stream()
        .filter(model -> model.id() == objectId)
        .map(model -> model.version().toString())
        .toList();
  }

  private static List<Integer> range(int first, int last) {
    return IntStream.rangeClosed(first, last).boxed().toList();
  }
}
