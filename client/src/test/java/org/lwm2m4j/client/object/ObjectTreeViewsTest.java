package org.lwm2m4j.client.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * The two views of one tree: what a DM server may do ({@link DmView}) against what the
 * Bootstrap-Server may do ({@link BootstrapView}), on the Security object, whose resources no DM
 * server may read or write, and on the Device and a sensor object.
 */
class ObjectTreeViewsTest {
  private static final LwM2mPath SERVER_URI = LwM2mPath.of(0, 0, 0);
  private static final SingleResource NEW_URI = SingleResource.of(0, Value.of("coaps://dm.example:5684"));

  private final ObjectTree tree = new ObjectTree();
  private final DmView dm = tree.dmView();
  private final BootstrapView bootstrap = tree.bootstrapView();

  @BeforeEach
  void setUp() {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(0, Value.of("coap://dm.example:5683")), SingleResource.of(1, Value.of(false)),
        SingleResource.of(10, Value.ofInteger(1))))));
    tree.addObject(models.objectModel(3).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(0, Value.of("Acme")), SingleResource.of(16, Value.of("U"))))));
    tree.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(5700, Value.ofFloat(20.0))))));
  }

  @Test
  void bothViewsShowTheSameTree() {
    assertThat(dm.tree()).isSameAs(tree);
    assertThat(bootstrap.tree()).isSameAs(tree);
    assertThat(tree.dmView()).isSameAs(dm);
  }

  @Test
  void theBootstrapViewMayWriteTheSecurityObjectAndTheDmViewMayNot() {
    assertThatThrownBy(() -> dm.write(SERVER_URI, NEW_URI, true))
        .isInstanceOf(MethodNotAllowedException.class).hasMessageContaining("/0/0/0 is not writable");

    bootstrap.write(SERVER_URI, NEW_URI, true);

    assertThat(tree.single(SERVER_URI)).contains(NEW_URI);
  }

  @Test
  void theBootstrapViewReadsTheSecurityKeysTheDmViewMayNotRead() {
    assertThatThrownBy(() -> dm.read(SERVER_URI)).isInstanceOf(MethodNotAllowedException.class);
    assertThat(((LwM2mObjectInstance) dm.read(LwM2mPath.of(0, 0))).resources()).as("nothing of /0 is readable by servers").isEmpty();

    assertThat(bootstrap.read(SERVER_URI)).isEqualTo(SingleResource.of(0, Value.of("coap://dm.example:5683")));
    assertThat(((LwM2mObjectInstance) bootstrap.read(LwM2mPath.of(0, 0))).resources()).hasSize(3);
  }

  @Test
  void onlyTheBootstrapViewWritesAWholeObjectAndCreatesTheInstancesItNames() {
    LwM2mObject accounts = new LwM2mObject(0, List.of(new LwM2mObjectInstance(4, List.of(NEW_URI))));

    assertThatThrownBy(() -> dm.write(LwM2mPath.of(0), accounts, true)).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> dm.write(LwM2mPath.of(3303, 4), new LwM2mObjectInstance(4, List.of()), true))
        .isInstanceOf(NotFoundException.class);

    bootstrap.write(LwM2mPath.of(0), accounts, true);

    assertThat(tree.instanceIds(0)).containsExactly(0, 4);
  }

  @Test
  void aBootstrapWriteOfAResourceOfAMissingInstanceBringsTheInstance() {
    bootstrap.write(LwM2mPath.of(0, 9, 0), NEW_URI, true);

    assertThat(tree.single(LwM2mPath.of(0, 9, 0))).contains(NEW_URI);
  }

  @Test
  void onlyTheBootstrapViewDeletesWholeObjectsAndTheDeviceInstance() {
    assertThatThrownBy(() -> dm.delete(LwM2mPath.ROOT)).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> dm.delete(LwM2mPath.of(0))).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> dm.delete(LwM2mPath.of(3, 0))).isInstanceOf(MethodNotAllowedException.class);

    bootstrap.delete(LwM2mPath.of(3, 0));
    bootstrap.delete(LwM2mPath.ROOT);

    assertThat(tree.instanceIds(0)).isEmpty();
    assertThat(tree.instanceIds(3)).isEmpty();
    assertThat(tree.instanceIds(3303)).isEmpty();
    assertThat(tree.objectIds()).as("the objects stay, empty").containsExactly(0, 3, 3303);
  }

  @Test
  void aDmCreateNeedsTheMandatoryResourcesAndABootstrapCreateDoesNot() {
    assertThatThrownBy(() -> dm.create(3303, OptionalInt.of(1), List.of()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("lacks mandatory resource 5700");

    assertThat(bootstrap.create(3303, OptionalInt.of(1), List.of())).isEqualTo(LwM2mPath.of(3303, 1));
  }

  @Test
  void onlyTheDmViewExecutesAndDiscovers() {
    assertThat(dm.discover(LwM2mPath.of(3303, 0), path -> List.of())).isNotEmpty();
    assertThatThrownBy(() -> dm.execute(LwM2mPath.of(3303, 0, 5700), "")).isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void bothViewsTellTheTreesListeners() {
    RecordingTreeListener listener = new RecordingTreeListener();
    tree.addListener(listener);

    bootstrap.write(SERVER_URI, NEW_URI, true);
    dm.delete(LwM2mPath.of(3303, 0));

    assertThat(listener.changed).containsExactly(SERVER_URI, LwM2mPath.of(3303, 0));
    assertThat(listener.instanceChanges).isEqualTo(1);
  }

  /** Records what the tree reports. */
  private static final class RecordingTreeListener implements TreeListener {
    final List<LwM2mPath> changed = new java.util.ArrayList<>();
    int instanceChanges;

    @Override
    public void valuesChanged(java.util.Set<LwM2mPath> paths) {
      changed.addAll(paths);
    }

    @Override
    public void instancesChanged() {
      instanceChanges++;
    }
  }
}
