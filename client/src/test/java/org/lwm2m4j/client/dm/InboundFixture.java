package org.lwm2m4j.client.dm;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.value.Value;

/**
 * A client's objects for tests of its inbound chain: a Bootstrap-Server account and two DM server
 * accounts (Security /0, Server /1), object 2 (empty until a test adds ACO instances), the Device
 * /3/0 and two temperature sensors /3303/0 and /3303/1. The DM servers are at {@link #SERVER_1}
 * and {@link #SERVER_2} (Short Server IDs 1 and 2); the Bootstrap-Server at {@link #BOOTSTRAP}.
 */
final class InboundFixture {
  static final InetSocketAddress SERVER_1 = new InetSocketAddress("127.0.0.1", 15683);
  static final InetSocketAddress SERVER_2 = new InetSocketAddress("127.0.0.1", 25683);
  static final InetSocketAddress BOOTSTRAP = new InetSocketAddress("127.0.0.1", 35683);
  static final int R = 1;
  static final int W = 2;
  static final int E = 4;
  static final int C = 16;
  static final int OBJECT_LEVEL = 65535;

  final ObjectTree tree = new ObjectTree();
  final AttributeStore attributes = new AttributeStore();
  /** How many DM servers access control counts: two, so that object 2 is enforced. */
  final AtomicInteger dmServers = new AtomicInteger(2);
  final AccessControl access = new AccessControl(tree, dmServers::get);
  final ObservationTracker observations;
  final ServerIdentity servers = peer -> peer.equals(SERVER_1) ? OptionalInt.of(1)
      : peer.equals(SERVER_2) ? OptionalInt.of(2) : OptionalInt.empty();

  InboundFixture(Scheduler scheduler) {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    tree.addObject(models.objectModel(0).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(string(0, "coap://127.0.0.1:35683"), bool(1, true))),
        new StoredInstance(1, List.of(string(0, "coap://127.0.0.1:15683"), bool(1, false), integer(10, 1))),
        new StoredInstance(2, List.of(string(0, "coap://127.0.0.1:25683"), bool(1, false), integer(10, 2)))));
    tree.addObject(models.objectModel(1).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(integer(0, 1), integer(1, 300), bool(6, false), string(7, "U"))),
        new StoredInstance(1, List.of(integer(0, 2), integer(1, 300), bool(6, false), string(7, "U")))));
    tree.addObject(models.objectModel(2).orElseThrow(), StoredInstance::new, List.of());
    tree.addObject(models.objectModel(3).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(string(0, "Acme"), string(16, "U")))));
    tree.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of(
        new StoredInstance(0, List.of(temperature(21.5))),
        new StoredInstance(1, List.of(temperature(19.0)))));
    observations = new ObservationTracker(tree, attributes, ssid -> ServerDefaults.NONE, scheduler);
  }

  DeviceManagementHandler dm() {
    return new DeviceManagementHandler(tree, attributes, observations, ContentFormat.SENML_JSON);
  }

  /** An ACO instance for /objectId/instanceId owned by {@code owner}, with {@code acl} (SSID -> rights). */
  LwM2mPath aco(int objectId, int instanceId, int owner, Map<Integer, Integer> acl) {
    List<LwM2mResourceInstance> entries = new ArrayList<>();
    acl.forEach((ssid, mask) -> entries.add(LwM2mResourceInstance.of(ssid, Value.ofInteger(mask))));
    List<LwM2mResource> resources = List.of(integer(0, objectId), integer(1, instanceId),
        new MultipleResource(2, ResourceType.INTEGER, entries), integer(3, owner));
    return tree.bootstrapView().create(2, OptionalInt.empty(), resources);
  }

  static SingleResource temperature(double celsius) {
    return SingleResource.of(5700, Value.ofFloat(celsius));
  }

  static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
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
}
