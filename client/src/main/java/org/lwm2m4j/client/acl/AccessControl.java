package org.lwm2m4j.client.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * Decides whether a Device Management server may perform an operation on a path, from the Access
 * Control object (/2) in the client's {@link ObjectTree}, and keeps the ACO instances in step with
 * the instances servers create and delete.
 *
 * <ul>
 *   <li>The Security (/0) and OSCORE (/21) objects are never open to a DM server.
 *   <li>With one DM server (the bootstrap server not counted) nothing else is checked: that server
 *       has full rights.
 *   <li>With more, the rights of server S on /O/I come from the ACO instance for /O/I: S's own ACL
 *       entry, else full rights (R, W, E, D) if S owns it, else the default entry (ACL resource
 *       instance 0), else none; no ACO instance means no rights. Create on /O needs C in the
 *       object-level ACO instance (Object Instance ID 65535). Read, Observe and Write-Attributes need
 *       R, Write W, Execute E, Delete D; Discover needs nothing.
 *   <li>ACO instances themselves may be read by any server and changed only by their owner; DM
 *       servers neither create nor delete them — the client does, following the governed instance.
 * </ul>
 *
 * <p>Paths whose object or instance does not exist pass, so that the tree answers 4.04 before
 * access control answers 4.01, the order the spec's implementations use. Operations that have no
 * instance to judge (Write, Execute or Delete of a whole object) pass too: the tree refuses them.
 *
 * <p>Thread-safe: it keeps no state of its own and reads the tree afresh on every call.
 */
public final class AccessControl {
  private static final int SECURITY_OBJECT = 0;
  private static final int ACCESS_CONTROL_OBJECT = 2;
  private static final int OSCORE_OBJECT = 21;

  private final ObjectTree tree;
  private final IntSupplier dmServerCount;

  /**
   * @param tree the client's objects, where the ACO instances are object 2
   * @param dmServerCount how many LwM2M Servers the client has now, the bootstrap server not counted
   */
  public AccessControl(ObjectTree tree, IntSupplier dmServerCount) {
    this.tree = tree;
    this.dmServerCount = dmServerCount;
  }

  /** Whether ACLs are enforced now: the client has more than one DM server. */
  public boolean enabled() {
    return dmServerCount.getAsInt() > 1;
  }

  /**
   * Refuses {@code operation} on {@code path} to server {@code ssid} unless it is allowed. For a
   * Read or Observe of a whole object this only refuses when the object has instances and the
   * server may read none of them; the caller then leaves out those {@link #canRead} denies.
   *
   * @throws UnauthorizedException (4.01) naming the server, the operation, the path and the reason
   */
  public void check(int ssid, Operation operation, LwM2mPath path) {
    Optional<String> reason = denial(ssid, operation, path);
    if (reason.isPresent()) {
      throw new UnauthorizedException("server " + ssid + " may not " + operation.displayName() + " " + path + ": " + reason.get());
    }
  }

  /** Whether {@link #check} would let server {@code ssid} perform {@code operation} on {@code path}. */
  public boolean allows(int ssid, Operation operation, LwM2mPath path) {
    return denial(ssid, operation, path).isEmpty();
  }

  /**
   * Whether server {@code ssid} may read the instance (or anything in the instance) at {@code path}:
   * the filter for reading, observing and notifying a whole object, Read-Composite and Send.
   */
  public boolean canRead(int ssid, LwM2mPath path) {
    return allows(ssid, Operation.READ, path);
  }

  /**
   * Records that server {@code ssid} created {@code instancePath}: adds its ACO instance, owned by
   * that server and with an empty ACL (so the owner alone has full rights). Nothing happens when
   * the client does not implement object 2, when the created instance is itself an ACO instance,
   * or when an ACO instance for it already exists (the bootstrap server provisioned it).
   *
   * @throws IllegalArgumentException if {@code instancePath} is not an object instance path
   */
  public void created(int ssid, LwM2mPath instancePath) {
    requireInstancePath(instancePath);
    int objectId = instancePath.objectId();
    if (objectId == ACCESS_CONTROL_OBJECT || tree.objectModel(ACCESS_CONTROL_OBJECT).isEmpty()
        || aco(objectId, instancePath.instanceId()).isPresent()) {
      return;
    }
    List<LwM2mResource> resources = List.of(
        integer(AcoInstance.OBJECT_ID, objectId),
        integer(AcoInstance.INSTANCE_ID, instancePath.instanceId()),
        new MultipleResource(AcoInstance.ACL, ResourceType.INTEGER, List.of()),
        integer(AcoInstance.OWNER, ssid));
    tree.bootstrapView().create(ACCESS_CONTROL_OBJECT, OptionalInt.empty(), resources);
  }

  /**
   * Records that {@code instancePath} was deleted: removes the ACO instances that governed it.
   *
   * @throws IllegalArgumentException if {@code instancePath} is not an object instance path
   */
  public void deleted(LwM2mPath instancePath) {
    requireInstancePath(instancePath);
    if (instancePath.objectId() == ACCESS_CONTROL_OBJECT) {
      return;
    }
    for (AcoInstance aco : acoInstances()) {
      if (aco.governs(instancePath.objectId(), instancePath.instanceId())) {
        try {
          tree.bootstrapView().delete(LwM2mPath.of(ACCESS_CONTROL_OBJECT, aco.id()));
        } catch (NotFoundException alreadyGone) {
          // removed concurrently: the outcome is the one wanted
        }
      }
    }
  }

  // ---- deciding ------------------------------------------------------------------------------

  private Optional<String> denial(int ssid, Operation operation, LwM2mPath path) {
    if (path.isRoot()) {
      return Optional.empty();
    }
    int objectId = path.objectId();
    if (objectId == SECURITY_OBJECT || objectId == OSCORE_OBJECT) {
      return Optional.of("object " + objectId + " is only for the bootstrap server");
    }
    if (!enabled() || tree.objectModel(objectId).isEmpty()) {
      return Optional.empty();
    }
    if (operation == Operation.CREATE) {
      return createDenial(ssid, objectId);
    }
    if (path.isObject()) {
      return objectDenial(ssid, operation, objectId);
    }
    int instanceId = path.instanceId();
    if (tree.instance(objectId, instanceId).isEmpty()) {
      return Optional.empty();
    }
    if (objectId == ACCESS_CONTROL_OBJECT) {
      return acoDenial(ssid, operation, instanceId);
    }
    Optional<AccessRight> needed = operation.requiredRight();
    if (needed.isEmpty()) {
      return Optional.empty();
    }
    Optional<AcoInstance> aco = aco(objectId, instanceId);
    if (aco.isEmpty()) {
      return Optional.of("no Access Control instance governs /" + objectId + "/" + instanceId);
    }
    AccessRights rights = aco.get().rightsOf(ssid);
    if (rights.allows(needed.get())) {
      return Optional.empty();
    }
    return Optional.of("it needs " + needed.get().letter() + " but has " + rights + " on /" + objectId + "/" + instanceId
        + " (/2/" + aco.get().id() + ")");
  }

  private Optional<String> createDenial(int ssid, int objectId) {
    if (objectId == ACCESS_CONTROL_OBJECT) {
      return Optional.of("Access Control instances follow the instances they govern; servers do not create them");
    }
    Optional<AcoInstance> aco = aco(objectId, AcoInstance.OBJECT_LEVEL);
    if (aco.isPresent() && aco.get().rightsOf(ssid).allows(AccessRight.CREATE)) {
      return Optional.empty();
    }
    return Optional.of(aco.isEmpty()
        ? "no Access Control instance grants Create on object " + objectId
        : "the Access Control instance /2/" + aco.get().id() + " grants it no Create right (C) on object " + objectId);
  }

  /** A whole object: Read and Observe are refused only if no instance is readable; the rest pass. */
  private Optional<String> objectDenial(int ssid, Operation operation, int objectId) {
    if (operation != Operation.READ && operation != Operation.OBSERVE) {
      return Optional.empty();
    }
    List<Integer> instanceIds = tree.instanceIds(objectId);
    for (int instanceId : instanceIds) {
      if (canRead(ssid, LwM2mPath.of(objectId, instanceId))) {
        return Optional.empty();
      }
    }
    return instanceIds.isEmpty() ? Optional.empty() : Optional.of("it may read none of its instances");
  }

  /** The ACO instances: anyone may read them, only the owner change them, no server create or delete them. */
  private Optional<String> acoDenial(int ssid, Operation operation, int acoId) {
    if (operation == Operation.DELETE) {
      return Optional.of("Access Control instances are deleted with the instances they govern, not by servers");
    }
    if (operation != Operation.WRITE && operation != Operation.EXECUTE) {
      return Optional.empty();
    }
    Optional<AcoInstance> aco = acoInstance(acoId);
    if (aco.isPresent() && aco.get().owner() == ssid) {
      return Optional.empty();
    }
    return Optional.of("only the owner of /2/" + acoId + " ("
        + aco.map(a -> a.owner() == AcoInstance.BOOTSTRAP_OWNER ? "the bootstrap server" : "server " + a.owner()).orElse("none")
        + ") may change it");
  }

  // ---- reading object 2 ----------------------------------------------------------------------

  /** The ACO instance governing /objectId/instanceId; the lowest-numbered if several claim it. */
  private Optional<AcoInstance> aco(int objectId, int instanceId) {
    for (AcoInstance aco : acoInstances()) {
      if (aco.governs(objectId, instanceId)) {
        return Optional.of(aco);
      }
    }
    return Optional.empty();
  }

  private List<AcoInstance> acoInstances() {
    List<AcoInstance> instances = new ArrayList<>();
    for (int id : tree.instanceIds(ACCESS_CONTROL_OBJECT)) {
      acoInstance(id).ifPresent(instances::add);
    }
    return instances;
  }

  private Optional<AcoInstance> acoInstance(int id) {
    try {
      LwM2mNode node = tree.bootstrapView().read(LwM2mPath.of(ACCESS_CONTROL_OBJECT, id));
      return node instanceof LwM2mObjectInstance instance ? AcoInstance.from(instance) : Optional.empty();
    } catch (NotFoundException deletedMeanwhile) {
      return Optional.empty();
    }
  }

  private static SingleResource integer(int resourceId, int value) {
    return SingleResource.of(resourceId, Value.ofInteger(value));
  }

  private static void requireInstancePath(LwM2mPath path) {
    if (!path.isObjectInstance()) {
      throw new IllegalArgumentException(path + " is not an object instance path");
    }
  }
}
