package org.lwm2m4j.client.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class AccessControlTest {
  private static final int SERVER_1 = 1;
  private static final int SERVER_2 = 2;
  private static final int BOOTSTRAP_OWNER = 65535;
  private static final int OBJECT_LEVEL = 65535;
  private static final int R = 1;
  private static final int W = 2;
  private static final int E = 4;
  private static final int D = 8;
  private static final int C = 16;

  private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0);
  private static final LwM2mPath SENSOR_VALUE = LwM2mPath.of(3303, 0, 5700);
  private static final LwM2mPath REBOOT = LwM2mPath.of(3, 0, 4);

  private final AtomicInteger dmServers = new AtomicInteger(2);
  private ObjectTree tree;
  private AccessControl access;

  @BeforeEach
  void twoServerAccounts() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    tree = new ObjectTree();
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(string(0, "coap://dm1.example"), bool(1, false), integer(10, SERVER_1))),
        new StoredInstance(1, List.of(string(0, "coap://dm2.example"), bool(1, false), integer(10, SERVER_2)))));
    tree.addObject(models.objectModel(1).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(integer(0, SERVER_1), integer(1, 300), string(7, "U"))),
        new StoredInstance(1, List.of(integer(0, SERVER_2), integer(1, 300), string(7, "U")))));
    tree.addObject(models.objectModel(2).orElseThrow(), StoredInstance::new, List.of());
    tree.addObject(models.objectModel(3).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(string(0, "Acme")))));
    tree.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(temperature(21.5))),
        new StoredInstance(1, List.of(temperature(19.0)))));
    access = new AccessControl(tree, dmServers::get);
  }

  // ---- 7.1 when it applies -------------------------------------------------------------------

  @Test
  void aSingleServerMayDoEverythingWithoutAnyAcoInstance() {
    dmServers.set(1);

    assertThat(access.enabled()).isFalse();
    for (Operation operation : Operation.values()) {
      assertThatCode(() -> access.check(SERVER_1, operation, SENSOR_VALUE)).doesNotThrowAnyException();
      assertThatCode(() -> access.check(SERVER_1, operation, LwM2mPath.of(3303))).doesNotThrowAnyException();
    }
    assertThat(access.allows(SERVER_1, Operation.EXECUTE, REBOOT)).isTrue();
    assertThat(access.canRead(SERVER_1, TEMPERATURE)).isTrue();
  }

  @Test
  void aSingleServerIgnoresRestrictiveAclInstances() {
    dmServers.set(1);
    aco(3303, 0, SERVER_2, Map.of(SERVER_1, R));

    assertThat(access.allows(SERVER_1, Operation.WRITE, SENSOR_VALUE)).isTrue();
  }

  @Test
  void securityAndOscoreObjectsAreClosedToDmServersEvenWithOneServer() {
    dmServers.set(1);

    for (LwM2mPath path : List.of(LwM2mPath.of(0), LwM2mPath.of(0, 1), LwM2mPath.of(0, 1, 10), LwM2mPath.of(21, 0))) {
      assertThatThrownBy(() -> access.check(SERVER_1, Operation.READ, path))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("only for the bootstrap server");
    }
    assertThat(access.allows(SERVER_1, Operation.DISCOVER, LwM2mPath.of(0))).isFalse();
  }

  @Test
  void theServerCountIsAskedOnEveryCheck() {
    aco(3303, 0, SERVER_2, Map.of());
    assertThat(access.allows(SERVER_1, Operation.READ, TEMPERATURE)).isFalse();

    dmServers.set(1);

    assertThat(access.allows(SERVER_1, Operation.READ, TEMPERATURE)).isTrue();
  }

  // ---- 7.3 deciding the rights ---------------------------------------------------------------

  @Test
  void aReadOnlyEntryAllowsReadAndObserveButRefusesWriteExecuteDelete() {
    aco(3303, 0, SERVER_2, Map.of(SERVER_1, R));

    assertThat(access.allows(SERVER_1, Operation.READ, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.OBSERVE, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.WRITE_ATTRIBUTES, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.EXECUTE, TEMPERATURE.append(5605))).isFalse();
    assertThat(access.allows(SERVER_1, Operation.DELETE, TEMPERATURE)).isFalse();
    assertThatThrownBy(() -> access.check(SERVER_1, Operation.WRITE, SENSOR_VALUE))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("server 1")
        .hasMessageContaining("Write")
        .hasMessageContaining("/3303/0/5700")
        .hasMessageContaining("has R");
  }

  @Test
  void theOwnerWithoutAnEntryHasFullRights() {
    aco(3303, 0, SERVER_2, Map.of(SERVER_1, R));

    for (Operation operation : List.of(Operation.READ, Operation.WRITE, Operation.EXECUTE, Operation.DELETE)) {
      assertThat(access.allows(SERVER_2, operation, SENSOR_VALUE)).as(operation.displayName()).isTrue();
    }
  }

  @Test
  void aServersOwnEntryComesBeforeItsOwnership() {
    aco(3303, 0, SERVER_2, Map.of(SERVER_2, R));

    assertThat(access.allows(SERVER_2, Operation.READ, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_2, Operation.WRITE, SENSOR_VALUE)).isFalse();
  }

  @Test
  void theDefaultEntryAppliesToServersWithoutTheirOwnEntry() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(0, R | W, SERVER_1, E));

    assertThat(access.allows(SERVER_2, Operation.READ, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_2, Operation.WRITE, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_2, Operation.EXECUTE, SENSOR_VALUE)).isFalse();
    assertThat(access.allows(SERVER_1, Operation.EXECUTE, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.READ, SENSOR_VALUE)).isFalse();
  }

  @Test
  void ownershipComesBeforeTheDefaultEntry() {
    aco(3303, 0, SERVER_2, Map.of(0, R));

    assertThat(access.allows(SERVER_2, Operation.WRITE, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.READ, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.WRITE, SENSOR_VALUE)).isFalse();
  }

  @Test
  void withoutEntryOwnershipOrDefaultAServerHasNoRights() {
    aco(3303, 0, SERVER_2, Map.of());

    assertThat(access.allows(SERVER_1, Operation.READ, SENSOR_VALUE)).isFalse();
  }

  @Test
  void anInstanceWithoutAcoInstanceIsClosedToEveryServer() {
    assertThatThrownBy(() -> access.check(SERVER_1, Operation.READ, SENSOR_VALUE))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("no Access Control instance governs /3303/0");
    assertThat(access.allows(SERVER_2, Operation.READ, SENSOR_VALUE)).isFalse();
  }

  @Test
  void eachInstanceIsJudgedByItsOwnAcoInstance() {
    aco(3303, 0, SERVER_1, Map.of());
    aco(3303, 1, SERVER_2, Map.of());

    assertThat(access.allows(SERVER_1, Operation.WRITE, LwM2mPath.of(3303, 0, 5750))).isTrue();
    assertThat(access.allows(SERVER_1, Operation.WRITE, LwM2mPath.of(3303, 1, 5750))).isFalse();
    assertThat(access.allows(SERVER_2, Operation.WRITE, LwM2mPath.of(3303, 1, 5750))).isTrue();
  }

  // ---- 7.4 per operation ---------------------------------------------------------------------

  @Test
  void executeNeedsTheExecuteRight() {
    aco(3, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, R | W | D, SERVER_2, E));

    assertThatThrownBy(() -> access.check(SERVER_1, Operation.EXECUTE, REBOOT))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("needs E");
    assertThatCode(() -> access.check(SERVER_2, Operation.EXECUTE, REBOOT)).doesNotThrowAnyException();
  }

  @Test
  void deleteNeedsTheDeleteRight() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, R | W | E, SERVER_2, D));

    assertThat(access.allows(SERVER_1, Operation.DELETE, TEMPERATURE)).isFalse();
    assertThat(access.allows(SERVER_2, Operation.DELETE, TEMPERATURE)).isTrue();
  }

  @Test
  void discoverNeedsNoRight() {
    assertThat(access.allows(SERVER_1, Operation.DISCOVER, TEMPERATURE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.DISCOVER, SENSOR_VALUE)).isTrue();
    assertThat(access.allows(SERVER_1, Operation.DISCOVER, LwM2mPath.of(3303))).isTrue();
  }

  @Test
  void writeAttributesNeedsReadOnAnInstanceButNothingOnAnObject() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, W));

    assertThat(access.allows(SERVER_1, Operation.WRITE_ATTRIBUTES, SENSOR_VALUE)).isFalse();
    assertThat(access.allows(SERVER_1, Operation.WRITE_ATTRIBUTES, LwM2mPath.of(3303))).isTrue();
  }

  @Test
  void readingAnObjectIsAllowedWhenOneInstanceIsReadableAndCanReadFiltersTheRest() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, R));
    aco(3303, 1, BOOTSTRAP_OWNER, Map.of(SERVER_1, W));

    assertThatCode(() -> access.check(SERVER_1, Operation.READ, LwM2mPath.of(3303))).doesNotThrowAnyException();
    assertThatCode(() -> access.check(SERVER_1, Operation.OBSERVE, LwM2mPath.of(3303))).doesNotThrowAnyException();
    assertThat(access.canRead(SERVER_1, LwM2mPath.of(3303, 0))).isTrue();
    assertThat(access.canRead(SERVER_1, LwM2mPath.of(3303, 1))).isFalse();
  }

  @Test
  void readingAnObjectWithNoReadableInstanceIsRefused() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, R));

    assertThatThrownBy(() -> access.check(SERVER_2, Operation.READ, LwM2mPath.of(3303)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("none of its instances");
    assertThat(access.allows(SERVER_2, Operation.OBSERVE, LwM2mPath.of(3303))).isFalse();
  }

  @Test
  void readingAnObjectWithoutInstancesIsAllowed() {
    tree.bootstrapView().delete(LwM2mPath.of(3303, 0));
    tree.bootstrapView().delete(LwM2mPath.of(3303, 1));

    assertThat(access.allows(SERVER_1, Operation.READ, LwM2mPath.of(3303))).isTrue();
  }

  @Test
  void aMissingObjectOrInstanceIsLeftToTheTreeToAnswerNotFound() {
    assertThat(access.allows(SERVER_1, Operation.WRITE, LwM2mPath.of(3303, 9, 5700))).isTrue();
    assertThat(access.allows(SERVER_1, Operation.READ, LwM2mPath.of(3304, 0))).isTrue();
    assertThat(access.allows(SERVER_1, Operation.CREATE, LwM2mPath.of(3304))).isTrue();
  }

  @Test
  void everyInstanceACompositeWriteTouchesMustBeWritable() {
    aco(3303, 0, BOOTSTRAP_OWNER, Map.of(SERVER_1, W));
    aco(3303, 1, BOOTSTRAP_OWNER, Map.of(SERVER_1, R));
    List<LwM2mPath> targets = List.of(LwM2mPath.of(3303, 0, 5750), LwM2mPath.of(3303, 1, 5750));

    assertThat(targets).anySatisfy(path -> assertThat(access.allows(SERVER_1, Operation.WRITE, path)).isFalse());
    assertThatThrownBy(() -> targets.forEach(path -> access.check(SERVER_1, Operation.WRITE, path)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("/3303/1/5750");
  }

  // ---- Create and Delete keep the ACO instances in step --------------------------------------

  @Test
  void createIsRefusedWithoutAnObjectLevelAcoInstance() {
    assertThatThrownBy(() -> access.check(SERVER_1, Operation.CREATE, LwM2mPath.of(3303)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("server 1 may not Create /3303")
        .hasMessageContaining("no Access Control instance grants Create on object 3303");
  }

  @Test
  void createNeedsTheCreateRightInTheObjectLevelAcoInstance() {
    aco(3303, OBJECT_LEVEL, BOOTSTRAP_OWNER, Map.of(SERVER_1, C, SERVER_2, R | W | E | D));

    assertThat(access.allows(SERVER_1, Operation.CREATE, LwM2mPath.of(3303))).isTrue();
    assertThatThrownBy(() -> access.check(SERVER_2, Operation.CREATE, LwM2mPath.of(3303)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("no Create right (C)");
  }

  @Test
  void theDefaultEntryOfTheObjectLevelAcoInstanceGrantsCreateToEveryServer() {
    aco(3303, OBJECT_LEVEL, BOOTSTRAP_OWNER, Map.of(0, C));

    assertThat(access.allows(SERVER_1, Operation.CREATE, LwM2mPath.of(3303))).isTrue();
    assertThat(access.allows(SERVER_2, Operation.CREATE, LwM2mPath.of(3303))).isTrue();
  }

  @Test
  void owningTheObjectLevelAcoInstanceGivesNoCreateRight() {
    aco(3303, OBJECT_LEVEL, SERVER_1, Map.of());

    assertThat(access.allows(SERVER_1, Operation.CREATE, LwM2mPath.of(3303))).isFalse();
  }

  @Test
  void aCreatedInstanceGetsAnAcoInstanceOwnedByItsCreator() {
    aco(3303, OBJECT_LEVEL, BOOTSTRAP_OWNER, Map.of(SERVER_2, C));
    access.check(SERVER_2, Operation.CREATE, LwM2mPath.of(3303));
    LwM2mPath created = tree.dmView().create(3303, OptionalInt.empty(), List.of(temperature(30.0)));

    access.created(SERVER_2, created);

    LwM2mObjectInstance aco = acoFor(created);
    assertThat(aco.resource(0)).contains(integer(0, 3303));
    assertThat(aco.resource(1)).contains(integer(1, created.instanceId()));
    assertThat(aco.resource(3)).contains(integer(3, SERVER_2));
    assertThat(aco.resource(2)).contains(new MultipleResource(2, ResourceType.INTEGER, List.of()));
    for (Operation operation : List.of(Operation.READ, Operation.WRITE, Operation.EXECUTE, Operation.DELETE)) {
      assertThat(access.allows(SERVER_2, operation, created.append(5700))).as(operation.displayName()).isTrue();
      assertThat(access.allows(SERVER_1, operation, created.append(5700))).as(operation.displayName()).isFalse();
    }
  }

  @Test
  void anAcoInstanceTheBootstrapServerProvisionedIsKeptOnCreate() {
    LwM2mPath planned = LwM2mPath.of(3303, 7);
    aco(3303, 7, BOOTSTRAP_OWNER, Map.of(SERVER_1, R));
    tree.dmView().create(3303, OptionalInt.of(7), List.of(temperature(30.0)));

    access.created(SERVER_2, planned);

    assertThat(acoInstancesFor(planned)).hasSize(1);
    assertThat(access.allows(SERVER_2, Operation.READ, planned)).isFalse();
  }

  @Test
  void deletingAnInstanceRemovesItsAcoInstance() {
    aco(3303, 0, SERVER_1, Map.of());
    aco(3303, 1, SERVER_2, Map.of());
    assertThat(access.allows(SERVER_1, Operation.DELETE, TEMPERATURE)).isTrue();
    tree.dmView().delete(TEMPERATURE);

    access.deleted(TEMPERATURE);

    assertThat(acoInstancesFor(TEMPERATURE)).isEmpty();
    assertThat(acoInstancesFor(LwM2mPath.of(3303, 1))).hasSize(1);
  }

  @Test
  void createdAndDeletedTakeInstancePathsOnly() {
    assertThatThrownBy(() -> access.created(SERVER_1, LwM2mPath.of(3303)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> access.deleted(SENSOR_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutTheAccessControlObjectCreatedRecordsNothing() {
    ObjectTree bare = new ObjectTree();
    bare.addObject(ObjectModelRegistry.bundled().objectModel(3303).orElseThrow(), StoredInstance::new,
        List.of(new StoredInstance(0, List.of(temperature(1.0)))));
    AccessControl bareAccess = new AccessControl(bare, () -> 2);

    bareAccess.created(SERVER_1, TEMPERATURE);
    bareAccess.deleted(TEMPERATURE);

    assertThat(bare.objectIds()).containsExactly(3303);
  }

  // ---- the Access Control object itself ------------------------------------------------------

  @Test
  void anyServerMayReadObserveAndDiscoverAcoInstances() {
    LwM2mPath aco = aco(3303, 0, SERVER_2, Map.of());

    for (Operation operation : List.of(Operation.READ, Operation.OBSERVE, Operation.DISCOVER, Operation.WRITE_ATTRIBUTES)) {
      assertThat(access.allows(SERVER_1, operation, aco.append(2))).as(operation.displayName()).isTrue();
    }
    assertThat(access.allows(SERVER_1, Operation.READ, LwM2mPath.of(2))).isTrue();
  }

  @Test
  void onlyTheOwnerMayChangeAnAcoInstance() {
    LwM2mPath aco = aco(3303, 0, SERVER_2, Map.of(SERVER_1, R | W | E | D));

    assertThat(access.allows(SERVER_2, Operation.WRITE, aco.append(2))).isTrue();
    assertThatThrownBy(() -> access.check(SERVER_1, Operation.WRITE, aco.append(2)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("only the owner of " + aco + " (server 2)");
  }

  @Test
  void aBootstrapOwnedAcoInstanceCannotBeChangedByAnyServer() {
    LwM2mPath aco = aco(3303, OBJECT_LEVEL, BOOTSTRAP_OWNER, Map.of(SERVER_1, C));

    assertThatThrownBy(() -> access.check(SERVER_1, Operation.WRITE, aco))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("(the bootstrap server)");
  }

  @Test
  void serversNeitherCreateNorDeleteAcoInstances() {
    LwM2mPath aco = aco(3303, 0, SERVER_1, Map.of());
    aco(2, OBJECT_LEVEL, BOOTSTRAP_OWNER, Map.of(0, C));

    assertThat(access.allows(SERVER_1, Operation.DELETE, aco)).isFalse();
    assertThat(access.allows(SERVER_1, Operation.CREATE, LwM2mPath.of(2))).isFalse();
  }

  // ---- fixtures ------------------------------------------------------------------------------

  /** Provisions an ACO instance as the bootstrap server would, and returns its path. */
  private LwM2mPath aco(int objectId, int instanceId, int owner, Map<Integer, Integer> acl) {
    List<LwM2mResourceInstance> entries = new ArrayList<>();
    acl.forEach((ssid, mask) -> entries.add(LwM2mResourceInstance.of(ssid, Value.ofInteger(mask))));
    List<LwM2mResource> resources = List.of(integer(0, objectId), integer(1, instanceId),
        new MultipleResource(2, ResourceType.INTEGER, entries), integer(3, owner));
    return tree.bootstrapView().create(2, OptionalInt.empty(), resources);
  }

  private List<LwM2mObjectInstance> acoInstancesFor(LwM2mPath instance) {
    List<LwM2mObjectInstance> found = new ArrayList<>();
    for (int id : tree.instanceIds(2)) {
      LwM2mObjectInstance aco = (LwM2mObjectInstance) tree.bootstrapView().read(LwM2mPath.of(2, id));
      if (aco.resource(0).equals(Optional.of(integer(0, instance.objectId())))
          && aco.resource(1).equals(Optional.of(integer(1, instance.instanceId())))) {
        found.add(aco);
      }
    }
    return found;
  }

  private LwM2mObjectInstance acoFor(LwM2mPath instance) {
    List<LwM2mObjectInstance> found = acoInstancesFor(instance);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static SingleResource integer(int id, long value) {
    return SingleResource.of(id, Value.ofInteger(value));
  }

  private static SingleResource string(int id, String value) {
    return SingleResource.of(id, Value.of(value));
  }

  private static SingleResource bool(int id, boolean value) {
    return SingleResource.of(id, Value.of(value));
  }

  private static SingleResource temperature(double celsius) {
    return SingleResource.of(5700, Value.ofFloat(celsius));
  }
}
