package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectModelRegistryTest {
  private static final Version V1_3 = new Version(1, 3);
  private static final Version V2_0 = new Version(2, 0);
  private static final Version V2_1 = new Version(2, 1);

  private static ObjectModel model(int id, Version version, String name) {
    return new ObjectModel(
        id, name, "", version, Version.V1_0, "", true, false,
        List.of(ResourceModel.of(0, "Value", Operations.R, false, true, ResourceType.INTEGER)));
  }

  /** Object 10 in versions 1.0, 1.2, 2.0 and 2.1; object 20 only in 1.1. */
  private final ObjectModelRegistry registry =
      ObjectModelRegistry.of(
          List.of(
              model(10, V2_0, "ten 2.0"),
              model(10, Version.V1_0, "ten 1.0"),
              model(10, V2_1, "ten 2.1"),
              model(10, Version.V1_2, "ten 1.2"),
              model(20, Version.V1_1, "twenty 1.1")));

  private String nearestName(int id, Version version) {
    return registry.nearest(id, version).orElseThrow().name();
  }

  @Test
  void lookupWithoutVersionAnswersTheNewest() {
    assertThat(registry.objectModel(10).orElseThrow().name()).isEqualTo("ten 2.1");
    assertThat(registry.objectModel(20).orElseThrow().name()).isEqualTo("twenty 1.1");
    assertThat(registry.objectModel(30)).isEmpty();
    assertThat(registry.resourceModel(10, 0)).isPresent();
    assertThat(registry.resourceModel(10, 1)).isEmpty();
  }

  @Test
  void lookupWithVersionIsExact() {
    assertThat(registry.objectModel(10, Version.V1_2).orElseThrow().name()).isEqualTo("ten 1.2");
    assertThat(registry.objectModel(10, Version.V1_1)).isEmpty();
    assertThat(registry.objectModel(30, Version.V1_0)).isEmpty();
  }

  @Test
  void nearestPrefersTheExactVersion() {
    assertThat(nearestName(10, Version.V1_2)).isEqualTo("ten 1.2");
    assertThat(nearestName(10, V2_0)).isEqualTo("ten 2.0");
  }

  @Test
  void nearestFallsBackToTheNewestBelowWithinTheMajor() {
    assertThat(nearestName(10, Version.V1_1)).isEqualTo("ten 1.0");
    assertThat(nearestName(10, V1_3)).isEqualTo("ten 1.2");
    assertThat(nearestName(10, new Version(2, 7))).isEqualTo("ten 2.1");
  }

  @Test
  void nearestThenTakesTheOldestAboveWithinTheMajor() {
    assertThat(nearestName(20, Version.V1_0)).isEqualTo("twenty 1.1");
  }

  @Test
  void nearestFinallyTakesTheNewestOfAnyMajor() {
    assertThat(nearestName(10, new Version(3, 0))).isEqualTo("ten 2.1");
    assertThat(nearestName(20, V2_0)).isEqualTo("twenty 1.1");
    assertThat(nearestName(10, new Version(0, 9))).isEqualTo("ten 2.1");
    assertThat(registry.nearest(30, Version.V1_0)).isEmpty();
  }

  @Test
  void clientViewUsesAnnouncedVersionsAndTheNewestOtherwise() {
    ModelLookup client = registry.forVersions(Map.of(10, Version.V1_1, 30, Version.V1_0));

    assertThat(client.objectModel(10).orElseThrow().name()).isEqualTo("ten 1.0");
    assertThat(client.objectModel(20).orElseThrow().name()).isEqualTo("twenty 1.1");
    assertThat(client.objectModel(30)).isEmpty();
    assertThat(client.resourceModel(10, 0)).isPresent();
    assertThat(client.toString()).contains("10@1.0");
  }

  @Test
  void clientsAnnouncingTheSameVersionsShareOneView() {
    // Asked for every request and notification: a fleet announces few distinct version sets.
    ModelLookup first = registry.forVersions(Map.of(10, Version.V1_1, 30, Version.V1_0));
    ModelLookup second = registry.forVersions(new java.util.HashMap<>(Map.of(30, Version.V1_0, 10, Version.V1_1)));
    assertThat(second).isSameAs(first);
    assertThat(registry.forVersions(Map.of(10, V2_0))).isNotSameAs(first);
  }

  @Test
  void clientViewWithoutAnnouncementsIsTheRegistry() {
    assertThat(registry.forVersions(Map.of())).isSameAs(registry);
  }

  @Test
  void modelsAreOrderedByIdThenVersionAndCannotBeChanged() {
    assertThat(registry.models())
        .extracting(ObjectModel::name)
        .containsExactly("ten 1.0", "ten 1.2", "ten 2.0", "ten 2.1", "twenty 1.1");
    assertThatThrownBy(() -> registry.models().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(registry).hasToString("ObjectModelRegistry[2 objects, 5 models]");
  }

  @Test
  void withModelsReturnsANewRegistryWhereTheLaterDefinitionWins() {
    ObjectModelRegistry changed =
        registry.withModels(
            List.of(model(10, Version.V1_2, "replacement"), model(30, Version.V1_0, "thirty")));

    assertThat(changed.objectModel(10, Version.V1_2).orElseThrow().name()).isEqualTo("replacement");
    assertThat(changed.objectModel(30).orElseThrow().name()).isEqualTo("thirty");
    assertThat(changed.models()).hasSize(6);
    assertThat(registry.objectModel(10, Version.V1_2).orElseThrow().name()).isEqualTo("ten 1.2");
    assertThat(registry.objectModel(30)).isEmpty();
    ObjectModelRegistry twice =
        ObjectModelRegistry.of(List.of(model(1, Version.V1_0, "a"), model(1, Version.V1_0, "b")));
    assertThat(twice.objectModel(1)).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("b"));
  }

  @Test
  void emptyRegistryKnowsNothing() {
    assertThat(ObjectModelRegistry.empty().models()).isEmpty();
    assertThat(ObjectModelRegistry.empty().objectModel(3)).isEmpty();
    assertThat(ObjectModelRegistry.empty().withModels(List.of())).isSameAs(ObjectModelRegistry.empty());
  }

  @Test
  void anIndexedDefinitionIsParsedOnlyWhenFirstAskedFor() {
    // deferred/index.txt lists a good file, a file that is not well-formed and one holding
    // another object: reading the index parses none of them.
    ObjectModelRegistry indexed = ObjectModelRegistry.indexed(ObjectModelRegistryTest.class, "deferred/");

    assertThat(indexed).hasToString("ObjectModelRegistry[3 objects, 3 models]");
    assertThat(indexed.objectModel(40000).orElseThrow().name()).isEqualTo("Good");
    assertThatThrownBy(() -> indexed.objectModel(40001))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deferred/broken.xml");
    assertThatThrownBy(() -> indexed.objectModel(40002, Version.V1_1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds object 40003 version 1.1");
  }

  @Test
  void concurrentFirstLookupsShareOneParsedModel() throws Exception {
    ObjectModelRegistry indexed = ObjectModelRegistry.indexed(ObjectModelRegistryTest.class, "deferred/");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<ObjectModel>> lookups = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        lookups.add(threads.submit(() -> indexed.objectModel(40000).orElseThrow()));
      }
      ObjectModel first = lookups.get(0).get(10, TimeUnit.SECONDS);
      for (Future<ObjectModel> lookup : lookups) {
        assertThat(lookup.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void addingModelsKeepsIndexedDefinitionsUnparsed() {
    ObjectModelRegistry indexed = ObjectModelRegistry.indexed(ObjectModelRegistryTest.class, "deferred/");

    ObjectModelRegistry more = indexed.withModels(List.of(model(40001, Version.V1_0, "fixed")));

    assertThat(more.objectModel(40001).orElseThrow().name()).isEqualTo("fixed");
    assertThat(more.objectModel(40000).orElseThrow().name()).isEqualTo("Good");
    assertThatThrownBy(() -> indexed.objectModel(40001)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void directoryDefinitionsAddToAndReplaceBundledOnes(@TempDir Path dir)
      throws IOException, ModelLoadException {
    Files.writeString(dir.resolve("device.xml"), ddf(3, "1.2", "My Device"));
    Files.writeString(dir.resolve("vendor.XML"), ddf(40000, "", "Vendor"));
    Files.writeString(dir.resolve("notes.txt"), "not a model");
    Files.createDirectory(dir.resolve("sub.xml"));

    ObjectModelRegistry registry = ObjectModelRegistry.bundled().withDirectory(dir);

    assertThat(registry.objectModel(3).orElseThrow().name()).isEqualTo("My Device");
    assertThat(registry.objectModel(40000).orElseThrow().name()).isEqualTo("Vendor");
    assertThat(registry.objectModel(3303)).isPresent();
    assertThat(registry.models()).hasSize(ObjectModelRegistry.bundled().models().size() + 1);
    assertThat(ObjectModelRegistry.bundled().objectModel(3).orElseThrow().name()).isEqualTo("Device");
  }

  @Test
  void laterFileNamesWinWithinADirectory(@TempDir Path dir) throws IOException, ModelLoadException {
    Files.writeString(dir.resolve("b.xml"), ddf(40000, "1.0", "from b"));
    Files.writeString(dir.resolve("a.xml"), ddf(40000, "1.0", "from a"));
    Files.writeString(dir.resolve("c.xml"), ddf(40000, "1.1", "from c"));

    ObjectModelRegistry registry = ObjectModelRegistry.empty().withDirectory(dir);

    assertThat(registry.objectModel(40000, Version.V1_0).orElseThrow().name()).isEqualTo("from b");
    assertThat(registry.objectModel(40000).orElseThrow().name()).isEqualTo("from c");
  }

  @Test
  void aBadFileInTheDirectoryFailsTheLoadNamingIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("good.xml"), ddf(40000, "1.0", "good"));
    Path bad = dir.resolve("bad.xml");
    Files.writeString(bad, "<LWM2M><Object><Name>no id</Name></Object></LWM2M>");

    assertThatThrownBy(() -> ObjectModelRegistry.empty().withDirectory(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(bad + ":1: <Object> has no <ObjectID>");
  }

  @Test
  void aMissingDirectoryIsReported(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> ObjectModelRegistry.empty().withDirectory(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(missing + ": is not a directory");
  }

  private static String ddf(int id, String version, String name) {
    return """
        <LWM2M>
          <Object ObjectType="MODefinition">
            <Name>%s</Name>
            <ObjectID>%d</ObjectID>
            <ObjectVersion>%s</ObjectVersion>
            <MultipleInstances>Single</MultipleInstances>
            <Mandatory>Optional</Mandatory>
            <Resources>
              <Item ID="0"><Name>Value</Name><Operations>R</Operations><Type>Integer</Type></Item>
            </Resources>
          </Object>
        </LWM2M>
        """
        .formatted(name, id, version);
  }
}
