package org.lwm2m4j.client.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Operations;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class ObjectTreeTest {
  private static final int TEST = 10241;
  private static final int LABEL = 0; // RW, mandatory
  private static final int NOTE = 1; // RW, optional
  private static final int READING = 2; // R
  private static final int SECRET = 3; // W
  private static final int TRIGGER = 4; // E
  private static final int TAGS = 5; // RW, multiple
  private static final int COUNTS = 6; // R, multiple

  /** A test object covering every kind of resource the operations distinguish. */
  private static final ObjectModel TEST_MODEL = new ObjectModel(TEST, "Test", "", Version.V1_1, Version.V1_1, "", true, false,
      List.of(
          ResourceModel.of(LABEL, "Label", Operations.RW, false, true, ResourceType.STRING),
          ResourceModel.of(NOTE, "Note", Operations.RW, false, false, ResourceType.STRING),
          ResourceModel.of(READING, "Reading", Operations.R, false, false, ResourceType.FLOAT),
          ResourceModel.of(SECRET, "Secret", Operations.W, false, false, ResourceType.STRING),
          ResourceModel.of(TRIGGER, "Trigger", Operations.E, false, false, ResourceType.NONE),
          ResourceModel.of(TAGS, "Tags", Operations.RW, true, false, ResourceType.STRING),
          ResourceModel.of(COUNTS, "Counts", Operations.R, true, false, ResourceType.INTEGER)));

  private final ObjectTree tree = new ObjectTree();
  private final Events events = new Events();
  private ExecutableInstance first;

  /** Records what the tree reports to its listeners. */
  private static final class Events implements TreeListener {
    final List<Set<LwM2mPath>> values = new CopyOnWriteArrayList<>();
    final AtomicInteger instances = new AtomicInteger();

    @Override
    public void valuesChanged(Set<LwM2mPath> paths) {
      values.add(paths);
    }

    @Override
    public void instancesChanged() {
      instances.incrementAndGet();
    }

    List<LwM2mPath> changedPaths() {
      List<LwM2mPath> all = new ArrayList<>();
      values.forEach(all::addAll);
      return all;
    }

    void clear() {
      values.clear();
      instances.set(0);
    }
  }

  @BeforeEach
  void setUp() {
    first = new ExecutableInstance(0, List.of(
        SingleResource.of(LABEL, Value.of("first")),
        SingleResource.of(NOTE, Value.of("note")),
        SingleResource.of(READING, Value.ofFloat(21.5)),
        SingleResource.of(SECRET, Value.of("hidden")),
        tags(Map.of(0, "Red", 1, "Green")),
        MultipleResource.of(COUNTS, ResourceType.INTEGER,
            LwM2mResourceInstance.of(0, Value.ofInteger(3)), LwM2mResourceInstance.of(1, Value.ofInteger(4)))));
    ExecutableInstance third = new ExecutableInstance(2, List.of(SingleResource.of(LABEL, Value.of("third"))));
    tree.addObject(TEST_MODEL, ExecutableInstance::new, List.of(first, third));
    ObjectModel device = ObjectModelRegistry.bundled().objectModel(3).orElseThrow();
    tree.addObject(device, StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(0, Value.of("Open Mobile Alliance")),
        MultipleResource.of(11, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(0))),
        SingleResource.of(16, Value.of("U"))))));
    tree.addListener(events);
  }

  private static MultipleResource tags(Map<Integer, String> values) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    new TreeMap<>(values).forEach((id, text) -> instances.add(LwM2mResourceInstance.of(id, Value.of(text))));
    return new MultipleResource(TAGS, ResourceType.STRING, instances);
  }

  private static LwM2mPath path(String text) {
    return LwM2mPath.parse(text);
  }

  private LwM2mNode read(String path) {
    return tree.dmView().read(path(path));
  }

  private static List<Integer> resourceIds(LwM2mNode instance) {
    return ((LwM2mObjectInstance) instance).resources().stream().map(LwM2mResource::id).toList();
  }

  // ---- Read ----------------------------------------------------------------------------------

  @Test
  void readOfAnObjectGivesEveryInstanceWithItsReadableResources() {
    LwM2mObject object = (LwM2mObject) read("/10241");

    assertThat(object.id()).isEqualTo(TEST);
    assertThat(object.instances()).extracting(LwM2mObjectInstance::id).containsExactly(0, 2);
    assertThat(resourceIds(object.instances().get(0))).containsExactly(LABEL, NOTE, READING, TAGS, COUNTS);
  }

  @Test
  void readOfAnInstanceLeavesOutWriteOnlyResources() {
    assertThat(resourceIds(read("/10241/0"))).containsExactly(LABEL, NOTE, READING, TAGS, COUNTS);
  }

  @Test
  void readOfAResourceAndOfAResourceInstance() {
    assertThat(read("/10241/0/0")).isEqualTo(SingleResource.of(LABEL, Value.of("first")));
    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(0, "Red", 1, "Green")));
    assertThat(read("/10241/0/5/1")).isEqualTo(LwM2mResourceInstance.of(1, Value.of("Green")));
  }

  @Test
  void readOfAnObjectWithoutInstancesIsEmpty() {
    tree.addObject(ObjectModelRegistry.bundled().objectModel(3303).orElseThrow(), StoredInstance::new, List.of());

    assertThat(((LwM2mObject) read("/3303")).instances()).isEmpty();
  }

  @Test
  void readOfAnExecutableOrWriteOnlyResourceIsMethodNotAllowed() {
    assertThatThrownBy(() -> read("/10241/0/3")).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> read("/10241/0/4")).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> read("/3/0/4")).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void bootstrapReadSeesWriteOnlyResources() {
    assertThat(tree.bootstrapView().read(path("/10241/0/3"))).isEqualTo(SingleResource.of(SECRET, Value.of("hidden")));
    assertThat(resourceIds(tree.bootstrapView().read(path("/10241/0")))).contains(SECRET);
  }

  @Test
  void readOfWhatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> read("/9999")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> read("/10241/1")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> read("/10241/0/99")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> read("/10241/2/1")).as("modelled but absent").isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> read("/10241/0/5/9")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readOfRootIsNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().read(LwM2mPath.ROOT)).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void existsAndSingle() {
    assertThat(tree.exists(path("/10241/0/3"))).as("write-only exists").isTrue();
    assertThat(tree.exists(path("/10241/1"))).isFalse();
    assertThat(tree.single(path("/3/0/0"))).contains(SingleResource.of(0, Value.of("Open Mobile Alliance")));
    assertThat(tree.single(path("/3/0/11"))).isEmpty();
  }

  // ---- Write ---------------------------------------------------------------------------------

  @Test
  void replacingAnInstanceRemovesOptionalWritableResourcesNotGivenAndKeepsReadOnlyOnes() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, SingleResource.of(LABEL, Value.of("renamed"))), true);

    assertThat(read("/10241/0/0")).isEqualTo(SingleResource.of(LABEL, Value.of("renamed")));
    assertThat(resourceIds(tree.bootstrapView().read(path("/10241/0")))).containsExactly(LABEL, READING, COUNTS);
  }

  @Test
  void replacingAnInstanceKeepsMandatoryResourcesNotGiven() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, SingleResource.of(NOTE, Value.of("only"))), true);

    assertThat(read("/10241/0/0")).isEqualTo(SingleResource.of(LABEL, Value.of("first")));
    assertThat(read("/10241/0/1")).isEqualTo(SingleResource.of(NOTE, Value.of("only")));
  }

  @Test
  void updatingAnInstanceWritesOnlyTheGivenResources() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, SingleResource.of(NOTE, Value.of("changed"))), false);

    assertThat(read("/10241/0/1")).isEqualTo(SingleResource.of(NOTE, Value.of("changed")));
    assertThat(resourceIds(tree.bootstrapView().read(path("/10241/0")))).containsExactly(LABEL, NOTE, READING, SECRET, TAGS, COUNTS);
  }

  @Test
  void replacingASingleResourceSetsItsValue() {
    tree.dmView().write(path("/10241/0/1"), SingleResource.of(NOTE, Value.of("new")), true);

    assertThat(read("/10241/0/1")).isEqualTo(SingleResource.of(NOTE, Value.of("new")));
  }

  @Test
  void partialUpdateOfASingleResourceIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0/1"), SingleResource.of(NOTE, Value.of("new")), false))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(read("/10241/0/1")).isEqualTo(SingleResource.of(NOTE, Value.of("note")));
  }

  @Test
  void writeToAReadOnlyResourceIsMethodNotAllowedButTheBootstrapServerMay() {
    SingleResource reading = SingleResource.of(READING, Value.ofFloat(30.0));

    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0/2"), reading, true)).isInstanceOf(MethodNotAllowedException.class);
    assertThat(read("/10241/0/2")).isEqualTo(SingleResource.of(READING, Value.ofFloat(21.5)));

    tree.bootstrapView().write(path("/10241/0/2"), reading, true);
    assertThat(read("/10241/0/2")).isEqualTo(reading);
  }

  @Test
  void instanceWriteWithAReadOnlyResourceIsRefusedAsAWhole() {
    LwM2mObjectInstance payload = LwM2mObjectInstance.of(0,
        SingleResource.of(LABEL, Value.of("changed")), SingleResource.of(READING, Value.ofFloat(1.0)));

    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0"), payload, false)).isInstanceOf(MethodNotAllowedException.class);
    assertThat(read("/10241/0/0")).isEqualTo(SingleResource.of(LABEL, Value.of("first")));
    assertThat(events.values).isEmpty();
  }

  @Test
  void writeOfAnotherInstanceIdThanTheRequestIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(2, SingleResource.of(LABEL, Value.of("x"))), true))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void writeOnAnObjectIsOnlyForTheBootstrapServer() {
    LwM2mObject object = LwM2mObject.of(TEST, LwM2mObjectInstance.of(7, SingleResource.of(LABEL, Value.of("seventh"))));

    assertThatThrownBy(() -> tree.dmView().write(path("/10241"), object, true)).isInstanceOf(MethodNotAllowedException.class);
    assertThat(tree.instanceIds(TEST)).containsExactly(0, 2);

    tree.bootstrapView().write(path("/10241"), object, true);
    assertThat(tree.instanceIds(TEST)).containsExactly(0, 2, 7);
    assertThat(events.instances.get()).isEqualTo(1);
  }

  @Test
  void writeToAMissingInstanceIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/1"), LwM2mObjectInstance.of(1, SingleResource.of(LABEL, Value.of("x"))), true))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/1/0"), SingleResource.of(LABEL, Value.of("x")), true))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBootstrapWriteOfAResourceOfAMissingInstanceCreatesTheInstance() {
    tree.bootstrapView().write(path("/10241/1/0"), SingleResource.of(LABEL, Value.of("first")), true);

    assertThat(tree.instanceIds(TEST)).containsExactly(0, 1, 2);
    assertThat(tree.single(path("/10241/1/0"))).contains(SingleResource.of(LABEL, Value.of("first")));
    assertThat(events.instances.get()).isEqualTo(1);
  }

  /** The spec's worked example: {0:Red, 1:Green} written with {1:Yellow, 3:Blue}. */
  @Test
  void updateOfAMultipleResourceMergesItsInstances() {
    tree.dmView().write(path("/10241/0/5"), tags(Map.of(1, "Yellow", 3, "Blue")), false);

    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(0, "Red", 1, "Yellow", 3, "Blue")));
  }

  @Test
  void replaceOfAMultipleResourceReplacesItsInstances() {
    tree.dmView().write(path("/10241/0/5"), tags(Map.of(1, "Yellow", 3, "Blue")), true);

    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(1, "Yellow", 3, "Blue")));
  }

  @Test
  void updateOfAnInstanceMergesItsMultipleResources() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, tags(Map.of(3, "Blue"))), false);

    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(0, "Red", 1, "Green", 3, "Blue")));
  }

  @Test
  void writeOfAnExistingResourceInstanceReplacesOnlyThatInstance() {
    tree.dmView().write(path("/10241/0/5/1"), LwM2mResourceInstance.of(1, Value.of("Yellow")), true);

    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(0, "Red", 1, "Yellow")));
  }

  @Test
  void writeOfAResourceInstanceThatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0/5/3"), LwM2mResourceInstance.of(3, Value.of("Blue")), true))
        .isInstanceOf(NotFoundException.class);
    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(0, "Red", 1, "Green")));
  }

  @Test
  void partialUpdateOfAResourceInstanceIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0/5/1"), LwM2mResourceInstance.of(1, Value.of("Blue")), false))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void payloadOfTheWrongKindIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(path("/10241/0"), SingleResource.of(LABEL, Value.of("x")), true))
        .isInstanceOf(InvalidRequestException.class);
  }

  // ---- Create --------------------------------------------------------------------------------

  @Test
  void createWithAnExplicitIdMakesThatInstance() {
    LwM2mPath created = tree.dmView().create(TEST, OptionalInt.of(5), List.of(SingleResource.of(LABEL, Value.of("fifth"))));

    assertThat(created).isEqualTo(path("/10241/5"));
    assertThat(read("/10241/5/0")).isEqualTo(SingleResource.of(LABEL, Value.of("fifth")));
    assertThat(tree.instanceIds(TEST)).containsExactly(0, 2, 5);
  }

  @Test
  void createWithoutIdTakesTheLowestFreeOne() {
    LwM2mPath created = tree.dmView().create(TEST, OptionalInt.empty(), List.of(SingleResource.of(LABEL, Value.of("second"))));

    assertThat(created).isEqualTo(path("/10241/1"));
  }

  @Test
  void createWithAnIdInUseIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().create(TEST, OptionalInt.of(2), List.of(SingleResource.of(LABEL, Value.of("x")))))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(read("/10241/2/0")).isEqualTo(SingleResource.of(LABEL, Value.of("third")));
  }

  @Test
  void createOfASecondInstanceOfASingleInstanceObjectIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().create(3, OptionalInt.empty(), List.of(SingleResource.of(16, Value.of("U")))))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(tree.instanceIds(3)).containsExactly(0);
  }

  @Test
  void createMissingAMandatoryResourceIsABadRequestAndCreatesNothing() {
    assertThatThrownBy(() -> tree.dmView().create(TEST, OptionalInt.of(5), List.of(SingleResource.of(NOTE, Value.of("x")))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("mandatory");
    assertThat(tree.instanceIds(TEST)).containsExactly(0, 2);
    assertThat(events.values).isEmpty();
    assertThat(events.instances.get()).isZero();
  }

  @Test
  void createOfAnUnknownObjectIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().create(9999, OptionalInt.empty(), List.of())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void createInitialisesReadOnlyValuesOfAStoredInstanceAndIgnoresUnknownOnes() {
    tree.dmView().create(TEST, OptionalInt.of(4), List.of(
        SingleResource.of(LABEL, Value.of("fourth")),
        SingleResource.of(READING, Value.ofFloat(7.5)),
        SingleResource.of(99, Value.of("unknown"))));

    assertThat(read("/10241/4/2")).isEqualTo(SingleResource.of(READING, Value.ofFloat(7.5)));
    assertThat(resourceIds(read("/10241/4"))).containsExactly(LABEL, READING);
  }

  @Test
  void createTellsListenersAboutTheNewInstance() {
    tree.dmView().create(TEST, OptionalInt.of(5), List.of(SingleResource.of(LABEL, Value.of("fifth"))));

    assertThat(events.changedPaths()).containsExactly(path("/10241/5"));
    assertThat(events.instances.get()).isEqualTo(1);
  }

  // ---- Delete --------------------------------------------------------------------------------

  @Test
  void deleteRemovesAnInstanceAndTellsListeners() {
    tree.dmView().delete(path("/10241/2"));

    assertThat(tree.instanceIds(TEST)).containsExactly(0);
    assertThat(events.changedPaths()).containsExactly(path("/10241/2"));
    assertThat(events.instances.get()).isEqualTo(1);
  }

  @Test
  void deleteOfTheDeviceInstanceIsRefused() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/3/0"))).isInstanceOf(MethodNotAllowedException.class);
    assertThat(tree.instanceIds(3)).containsExactly(0);
  }

  @Test
  void deleteOfAnObjectIsOnlyForTheBootstrapServer() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/10241"))).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().delete(LwM2mPath.ROOT)).isInstanceOf(MethodNotAllowedException.class);
    assertThat(tree.instanceIds(TEST)).containsExactly(0, 2);

    tree.bootstrapView().delete(path("/10241"));
    assertThat(tree.instanceIds(TEST)).isEmpty();
    assertThat(tree.objectIds()).contains(TEST);
  }

  @Test
  void deleteOfAMissingInstanceIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/10241/1"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteOfAResourceIsNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/10241/0/1"))).isInstanceOf(MethodNotAllowedException.class);
    assertThat(read("/10241/0/1")).isEqualTo(SingleResource.of(NOTE, Value.of("note")));
  }

  @Test
  void deleteOfAResourceInstanceRemovesOnlyThatInstance() {
    tree.dmView().delete(path("/10241/0/5/0"));

    assertThat(read("/10241/0/5")).isEqualTo(tags(Map.of(1, "Green")));
    assertThat(events.changedPaths()).containsExactly(path("/10241/0/5"));
  }

  @Test
  void deleteOfAMissingResourceInstanceIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/10241/0/5/7"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteOfAReadOnlyResourceInstanceIsNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().delete(path("/10241/0/6/0"))).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Execute -------------------------------------------------------------------------------

  @Test
  void executeRunsTheResourceWithItsArguments() {
    tree.dmView().execute(path("/10241/0/4"), "0='on',1");

    assertThat(first.calls).containsExactly(new ExecutableInstance.Call(TRIGGER, "0='on',1"));
  }

  @Test
  void executeOfAValueIsMethodNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().execute(path("/10241/0/0"), "")).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().execute(path("/10241/0"), "")).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().execute(path("/10241/0/4/0"), "")).isInstanceOf(MethodNotAllowedException.class);
    assertThat(first.calls).isEmpty();
  }

  @Test
  void executeWithBadArgumentsIsABadRequestAndRunsNothing() {
    assertThatThrownBy(() -> tree.dmView().execute(path("/10241/0/4"), "on")).isInstanceOf(InvalidRequestException.class);
    assertThat(first.calls).isEmpty();
  }

  @Test
  void executeOnAMissingInstanceIsNotFound() {
    assertThatThrownBy(() -> tree.dmView().execute(path("/10241/1/4"), "")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void executeThatTheEnablerDoesNotImplementIsMethodNotAllowed() {
    assertThatThrownBy(() -> tree.dmView().execute(path("/3/0/4"), "")).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Discover and registration links -------------------------------------------------------

  private String discover(String path, Map<String, List<LinkAttribute>> attributes) {
    return LinkFormatWriter.write(tree.dmView().discover(path(path), p -> attributes.getOrDefault(p.toString(), List.of())));
  }

  @Test
  void discoverOfAnObjectListsVersionInstancesResourcesAndDimensions() {
    String links = discover("/10241", Map.of("/10241", List.of(LinkAttribute.of("pmin", "10"))));

    assertThat(links).isEqualTo("</10241>;ver=1.1;pmin=10,"
        + "</10241/0>,</10241/0/0>,</10241/0/1>,</10241/0/2>,</10241/0/3>,</10241/0/4>,</10241/0/5>;dim=2,</10241/0/6>;dim=2,"
        + "</10241/2>,</10241/2/0>,</10241/2/4>");
  }

  @Test
  void discoverOfAnInstanceListsItsResourcesWithTheirAttributes() {
    String links = discover("/10241/2", Map.of(
        "/10241/2", List.of(LinkAttribute.of("pmax", "60")),
        "/10241/2/0", List.of(LinkAttribute.of("pmin", "5"))));

    assertThat(links).isEqualTo("</10241/2>;pmax=60,</10241/2/0>;pmin=5,</10241/2/4>");
  }

  @Test
  void discoverOfAResourceListsItsInstances() {
    String links = discover("/10241/0/5", Map.of(
        "/10241/0/5", List.of(LinkAttribute.of("pmin", "10")),
        "/10241/0/5/1", List.of(LinkAttribute.of("lt", "45"))));

    assertThat(links).isEqualTo("</10241/0/5>;dim=2;pmin=10,</10241/0/5/0>,</10241/0/5/1>;lt=45");
  }

  /** An executable resource holds no value, yet Discover of the instance lists it; Discover of it must too. */
  @Test
  void discoverOfAnExecutableResourceListsIt() {
    String links = discover("/10241/0/4", Map.of("/10241/0/4", List.of(LinkAttribute.of("pmin", "5"))));

    assertThat(links).isEqualTo("</10241/0/4>;pmin=5");
  }

  @Test
  void discoverOfAResourceInstanceOrOfRootIsNotAllowed() {
    assertThatThrownBy(() -> discover("/10241/0/5/0", Map.of())).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().discover(LwM2mPath.ROOT, p -> List.of())).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void discoverOfWhatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> discover("/10241/1", Map.of())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> discover("/10241/2/1", Map.of())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void registrationLinksLeaveOutExcludedObjectsAndShowVersions() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));
    tree.addObject(models.objectModel(3311).orElseThrow(), StoredInstance::new, List.of());
    tree.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(1)));

    String links = LinkFormatWriter.write(tree.registrationLinks(Set.of(0)));

    assertThat(links).isEqualTo("</3>;ver=1.2,</3/0>,</3303>;ver=1.1,</3303/1>,</3311>,</10241>;ver=1.1,</10241/0>,</10241/2>");
  }

  @Test
  void registrationLinksLeaveVerOffWhereTheClientsLwM2mVersionImpliesIt() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    ObjectTree lwm2m10 = new ObjectTree(Version.V1_0);
    lwm2m10.addObject(models.objectModel(1, Version.V1_0).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));
    lwm2m10.addObject(models.objectModel(3, Version.V1_0).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));
    lwm2m10.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of());
    ObjectTree lwm2m11 = new ObjectTree(Version.V1_1);
    lwm2m11.addObject(models.objectModel(1, Version.V1_1).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));
    lwm2m11.addObject(models.objectModel(3, Version.V1_2).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));
    lwm2m11.addObject(models.objectModel(4, Version.V1_2).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0)));

    assertThat(LinkFormatWriter.write(lwm2m10.registrationLinks(Set.of()))).isEqualTo("</1/0>,</3/0>,</3303>;ver=1.1");
    assertThat(LinkFormatWriter.write(lwm2m11.registrationLinks(Set.of()))).isEqualTo("</1/0>,</3>;ver=1.2,</3/0>,</4/0>");
    assertThat(LinkFormatWriter.write(lwm2m11.dmView().discover(LwM2mPath.of(4), p -> List.of()))).startsWith("</4>,</4/0>");
    assertThat(LinkFormatWriter.write(lwm2m11.dmView().discover(LwM2mPath.of(3), p -> List.of()))).startsWith("</3>;ver=1.2,</3/0>");
  }

  // ---- Listeners -----------------------------------------------------------------------------

  @Test
  void writeTellsListenersWhichResourcesChanged() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, SingleResource.of(NOTE, Value.of("x"))), false);

    assertThat(events.changedPaths()).containsExactly(path("/10241/0/1"));
    assertThat(events.instances.get()).isZero();
  }

  @Test
  void replaceTellsListenersAboutRemovedResourcesToo() {
    tree.dmView().write(path("/10241/0"), LwM2mObjectInstance.of(0, SingleResource.of(LABEL, Value.of("x"))), true);

    assertThat(events.changedPaths()).containsExactlyInAnyOrder(
        path("/10241/0/0"), path("/10241/0/1"), path("/10241/0/3"), path("/10241/0/5"));
  }

  @Test
  void aValueSetByTheEnablerReachesListeners() {
    first.set(READING, Value.ofFloat(22.0));

    assertThat(events.changedPaths()).containsExactly(path("/10241/0/2"));
    assertThat(read("/10241/0/2")).isEqualTo(SingleResource.of(READING, Value.ofFloat(22.0)));
  }

  @Test
  void addingAnObjectTwiceIsRefused() {
    assertThatThrownBy(() -> tree.addObject(TEST_MODEL, StoredInstance::new, List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
