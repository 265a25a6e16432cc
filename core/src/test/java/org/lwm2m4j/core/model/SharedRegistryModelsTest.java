package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every OMNA registry file of the shared test data loads, and a sample reads back exactly. */
class SharedRegistryModelsTest {
  /** Object definition files in the shared registry directory (one object each). */
  private static final int OBJECT_FILES = 327;

  private static Path directory;
  private static ObjectModelRegistry registry;

  /** The build passes the directory; run from the module directory it is two levels up. */
  static Path sharedModelsDirectory() {
    String configured = System.getProperty("lwm2m4j.sharedModels");
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared/models");
    return dir.normalize();
  }

  @BeforeAll
  static void loadDirectory() throws ModelLoadException {
    directory = sharedModelsDirectory();
    assertThat(directory).isDirectory();
    registry = ObjectModelRegistry.empty().withDirectory(directory);
  }

  @Test
  void everyXmlDocumentOfTheDirectoryLoads() throws IOException, ModelLoadException {
    List<Path> documents;
    try (Stream<Path> files = Files.list(directory)) {
      documents =
          files
              .filter(p -> p.toString().endsWith(".xml") || p.toString().endsWith(".xsd"))
              .sorted()
              .toList();
    }
    DdfParser parser = new DdfParser();
    List<ObjectModel> all = new ArrayList<>();
    for (Path document : documents) {
      String name = document.getFileName().toString();
      List<ObjectModel> models = parser.parse(document);
      if (name.matches("\\d+\\.xml")) {
        assertThat(models).as(name).hasSize(1);
        assertThat(models.get(0).id()).as(name).isEqualTo(Integer.parseInt(name.replace(".xml", "")));
      } else {
        assertThat(models).as(name + " holds no object definitions").isEmpty();
      }
      all.addAll(models);
    }
    assertThat(documents).hasSizeGreaterThanOrEqualTo(OBJECT_FILES + 5);
    assertThat(all).hasSize(OBJECT_FILES);
  }

  @Test
  void directoryLoadingSkipsFilesThatAreNotObjectDefinitions() {
    assertThat(registry.models()).hasSize(OBJECT_FILES);
    assertThat(registry.models())
        .extracting(ObjectModel::id)
        .doesNotHaveDuplicates()
        .contains(0, 1, 3, 3303, 10241);
  }

  @Test
  void temperatureSensorValue() {
    ObjectModel temperature = registry.objectModel(3303).orElseThrow();

    assertThat(temperature.name()).isEqualTo("Temperature");
    assertThat(temperature.version()).isEqualTo(Version.V1_1);
    assertThat(temperature.lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(temperature.urn()).isEqualTo("urn:oma:lwm2m:ext:3303:1.1");
    assertThat(temperature.multiple()).isTrue();
    assertThat(temperature.mandatory()).isFalse();
    ResourceModel value = temperature.resource(5700).orElseThrow();
    assertThat(value.name()).isEqualTo("Sensor Value");
    assertThat(value.type()).isEqualTo(ResourceType.FLOAT);
    assertThat(value.operations()).isEqualTo(Operations.R);
    assertThat(value.multiple()).isFalse();
    assertThat(value.mandatory()).isTrue();
    assertThat(value.description()).startsWith("Last or Current Measured Value from the Sensor.");
    ResourceModel fraction = temperature.resource(6050).orElseThrow();
    assertThat(fraction.rangeEnumeration()).isEqualTo("0..1");
    assertThat(fraction.units()).isEqualTo("s");
  }

  @Test
  void securityServerUriKeepsItsDoubleSpace() {
    ObjectModel security = registry.objectModel(0).orElseThrow();

    assertThat(security.version()).isEqualTo(Version.V1_2);
    assertThat(security.lwm2mVersion()).isEqualTo(Version.V1_1);
    ResourceModel uri = security.resource(0).orElseThrow();
    assertThat(uri.name()).isEqualTo("LWM2M  Server URI");
    assertThat(uri.operations()).isEqualTo(Operations.NONE);
    assertThat(uri.type()).isEqualTo(ResourceType.STRING);
    assertThat(uri.rangeEnumeration()).isEqualTo("0..255");
    assertThat(uri.mandatory()).isTrue();
    assertThat(security.resource(16).orElseThrow())
        .satisfies(
            r -> {
              assertThat(r.type()).isEqualTo(ResourceType.UNSIGNED_INTEGER);
              assertThat(r.multiple()).isTrue();
            });
  }

  @Test
  void serverBinding() {
    ResourceModel binding = registry.resourceModel(1, 7).orElseThrow();

    assertThat(binding.name()).isEqualTo("Binding");
    assertThat(binding.operations()).isEqualTo(Operations.RW);
    assertThat(binding.multiple()).isFalse();
    assertThat(binding.mandatory()).isTrue();
    assertThat(binding.type()).isEqualTo(ResourceType.STRING);
    assertThat(registry.resourceModel(1, 9).orElseThrow().operations()).isEqualTo(Operations.E);
    assertThat(registry.resourceModel(1, 9).orElseThrow().type()).isEqualTo(ResourceType.NONE);
  }

  @Test
  void schemaVersion11FileWithObjectVersion() {
    // 21.xml declares the LWM2M-v1_1.xsd schema, ObjectVersion 2.0 and LWM2MVersion 1.1.
    ObjectModel oscore = registry.objectModel(21).orElseThrow();

    assertThat(oscore.name()).isEqualTo("LWM2M OSCORE");
    assertThat(oscore.version()).isEqualTo(new Version(2, 0));
    assertThat(oscore.lwm2mVersion()).isEqualTo(Version.V1_1);
    assertThat(oscore.urn()).isEqualTo("urn:oma:lwm2m:oma:21:2.0");
    assertThat(oscore.multiple()).isTrue();
    assertThat(oscore.resource(0).orElseThrow())
        .isEqualTo(
            new ResourceModel(
                0,
                "OSCORE Master Secret",
                Operations.NONE,
                false,
                true,
                ResourceType.OPAQUE,
                "",
                "",
                oscore.resource(0).orElseThrow().description()));
    // Surrounding blanks of names are dropped: "OSCORE AEAD Algorithm " and " OSCORE ID Context".
    assertThat(oscore.resource(3).orElseThrow().name()).isEqualTo("OSCORE AEAD Algorithm");
    assertThat(oscore.resource(6).orElseThrow().name()).isEqualTo("OSCORE ID Context");
  }

  @Test
  void unsignedIntegerAndCorelnkTypes() {
    ObjectModel publication = registry.objectModel(18831).orElseThrow();

    assertThat(publication.urn()).isEqualTo("urn:oma:lwm2m:x:18831");
    assertThat(publication.resource(0).orElseThrow())
        .extracting(
            ResourceModel::name, ResourceModel::type, ResourceModel::operations, ResourceModel::mandatory)
        .containsExactly("Source", ResourceType.CORELNK, Operations.RW, true);
    assertThat(publication.resource(3).orElseThrow())
        .extracting(
            ResourceModel::name, ResourceModel::type, ResourceModel::operations, ResourceModel::mandatory)
        .containsExactly("QoS", ResourceType.UNSIGNED_INTEGER, Operations.RW, true);
    assertThat(publication.resource(1).orElseThrow().type()).isEqualTo(ResourceType.OBJLNK);
  }

  @Test
  void multipleObjlnkResource() {
    ResourceModel extDevInfo = registry.resourceModel(3, 22).orElseThrow();

    assertThat(extDevInfo.name()).isEqualTo("ExtDevInfo");
    assertThat(extDevInfo.type()).isEqualTo(ResourceType.OBJLNK);
    assertThat(extDevInfo.multiple()).isTrue();
    assertThat(extDevInfo.mandatory()).isFalse();
    assertThat(extDevInfo.operations()).isEqualTo(Operations.R);
  }

  @Test
  void objectVersionsAboveOne() {
    assertThat(registry.models())
        .extracting(ObjectModel::version)
        .contains(new Version(2, 0), new Version(2, 1), new Version(1, 3));
  }

  @Test
  void everyRegistryCoreObjectAgreesWithTheBundledFacts() {
    // The bundled files are written from the spec tables; the registry is an independent source
    // for ids, operations, multiplicity, mandatory flags and types.
    for (ObjectModel bundled : ObjectModelRegistry.bundled().models()) {
      ObjectModel published = registry.objectModel(bundled.id(), bundled.version()).orElseThrow();
      assertThat(bundled.urn()).as("URN of %s", bundled).isEqualTo(published.urn());
      assertThat(bundled.multiple()).as("multiplicity of %s", bundled).isEqualTo(published.multiple());
      assertThat(bundled.mandatory()).as("mandatory flag of %s", bundled).isEqualTo(published.mandatory());
      assertThat(bundled.lwm2mVersion())
          .as("LwM2M version of %s", bundled)
          .isEqualTo(published.lwm2mVersion());
      assertThat(bundled.resources()).extracting(ResourceModel::id)
          .as("resource ids of %s", bundled)
          .containsExactlyElementsOf(published.resources().stream().map(ResourceModel::id).toList());
      for (ResourceModel resource : bundled.resources()) {
        ResourceModel other = published.resource(resource.id()).orElseThrow();
        String where = "/" + bundled.id() + "/" + resource.id();
        assertThat(resource.operations()).as("operations of %s", where).isEqualTo(other.operations());
        assertThat(resource.multiple()).as("multiplicity of %s", where).isEqualTo(other.multiple());
        assertThat(resource.mandatory()).as("mandatory flag of %s", where).isEqualTo(other.mandatory());
        assertThat(resource.type()).as("type of %s", where).isEqualTo(other.type());
      }
    }
  }
}
