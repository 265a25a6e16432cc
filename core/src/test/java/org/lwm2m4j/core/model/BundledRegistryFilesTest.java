package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bundled registry file loads, the index names each one's object and version, and a sample
 * reads back exactly. The files are the OMA registry's own, so this also proves the parser on
 * every definition the registry publishes.
 */
class BundledRegistryFilesTest {
  private static final String DIRECTORY = "bundled/";

  private static final ObjectModelRegistry registry = ObjectModelRegistry.bundled();

  /** The index lines: file name → "id version". */
  private static Map<String, String> indexLines() throws IOException {
    Map<String, String> lines = new LinkedHashMap<>();
    try (InputStream in = ObjectModelRegistry.class.getResourceAsStream(DIRECTORY + "index.txt")) {
      assertThat(in).as("bundled index").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          String[] fields = entry.split("\\s+");
          assertThat(fields).as("index line '%s'", entry).hasSize(3);
          assertThat(lines.put(fields[0], fields[1] + " " + fields[2]))
              .as("%s listed twice", fields[0])
              .isNull();
        }
      }
    }
    return lines;
  }

  @Test
  void everyIndexedFileHoldsExactlyTheObjectVersionItsLineNames()
      throws IOException, ModelLoadException {
    DdfParser parser = new DdfParser();
    Set<String> objectVersions = new HashSet<>();
    for (Map.Entry<String, String> line : indexLines().entrySet()) {
      String resource = DIRECTORY + line.getKey();
      try (InputStream in = ObjectModelRegistry.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        List<ObjectModel> models = parser.parse(in, resource);
        assertThat(models).as(resource).hasSize(1);
        ObjectModel model = models.get(0);
        assertThat(model.id() + " " + model.version())
            .as("index line of %s (write '%s %s %s')", resource, line.getKey(), model.id(), model.version())
            .isEqualTo(line.getValue());
      }
      assertThat(objectVersions.add(line.getValue())).as("%s bundled twice", line.getValue()).isTrue();
    }
  }

  @Test
  void everyBundledFileIsIndexed() throws IOException, URISyntaxException {
    Path directory = Path.of(ObjectModelRegistry.class.getResource(DIRECTORY).toURI());
    List<String> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).toList();
    }
    assertThat(indexLines().keySet()).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void newestFilesAreNamedByIdAndOlderOnesByIdAndVersion() throws IOException {
    for (Map.Entry<String, String> line : indexLines().entrySet()) {
      String[] idAndVersion = line.getValue().split(" ");
      int id = Integer.parseInt(idAndVersion[0]);
      Version version = Version.parse(idAndVersion[1]);
      boolean newest = registry.objectModel(id).orElseThrow().version().equals(version);
      String expected =
          newest ? id + ".xml" : id + "-" + version.major() + "_" + version.minor() + ".xml";
      assertThat(line.getKey()).as("file of object %s version %s", id, version).isEqualTo(expected);
    }
  }

  @Test
  void everyModelLoadsThroughTheRegistry() {
    assertThat(registry.models()).hasSize(345);
    assertThat(registry.models())
        .extracting(ObjectModel::id)
        .contains(0, 1, 3, 16, 3303, 10241, 18831);
    assertThat(registry.models().stream().map(ObjectModel::id).distinct().count()).isEqualTo(327);
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
}
