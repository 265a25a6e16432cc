package org.lwm2m4j.client.acl;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * One instance of the Access Control object as access control reads it: the instance (or, with
 * Object Instance ID 65535, the object) it governs, its ACL by Short Server ID, and its owner.
 *
 * @param id the ACO instance's own id, {@code /2/id}
 * @param objectId resource 0, the governed object
 * @param instanceId resource 1, the governed instance, {@link #OBJECT_LEVEL} for the object itself
 * @param acl resource 2: ACL value by resource instance id (an SSID, or 0 for the default)
 * @param owner resource 3, the SSID of the managing server ({@link #BOOTSTRAP_OWNER}: bootstrap only)
 */
record AcoInstance(int id, int objectId, int instanceId, Map<Integer, AccessRights> acl, int owner) {
  /** Object Instance ID of an ACO instance that governs Create on the object itself. */
  static final int OBJECT_LEVEL = 65535;
  /** Owner of an ACO instance only the Bootstrap-Server may change. */
  static final int BOOTSTRAP_OWNER = 65535;
  /** Resource instance of the ACL holding the rights of servers without their own entry. */
  static final int DEFAULT_ENTRY = 0;

  static final int OBJECT_ID = 0;
  static final int INSTANCE_ID = 1;
  static final int ACL = 2;
  static final int OWNER = 3;

  AcoInstance {
    acl = Map.copyOf(acl);
  }

  /**
   * The ACO instance stored as {@code instance}; empty when a mandatory resource (Object ID,
   * Object Instance ID, Owner) is missing or not an integer, since such an instance governs nothing.
   */
  static Optional<AcoInstance> from(LwM2mObjectInstance instance) {
    OptionalLong objectId = single(instance, OBJECT_ID);
    OptionalLong instanceId = single(instance, INSTANCE_ID);
    OptionalLong owner = single(instance, OWNER);
    if (objectId.isEmpty() || instanceId.isEmpty() || owner.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, AccessRights> acl = new TreeMap<>();
    Optional<LwM2mResource> aclResource = instance.resource(ACL);
    if (aclResource.isPresent() && aclResource.get() instanceof MultipleResource entries) {
      for (LwM2mResourceInstance entry : entries.instances()) {
        integer(entry.value()).ifPresent(mask -> acl.put(entry.id(), new AccessRights((int) mask)));
      }
    }
    return Optional.of(new AcoInstance(instance.id(), (int) objectId.getAsLong(), (int) instanceId.getAsLong(), acl,
        (int) owner.getAsLong()));
  }

  /** Whether this ACO instance governs instance {@code instanceId} of object {@code objectId}. */
  boolean governs(int objectId, int instanceId) {
    return this.objectId == objectId && this.instanceId == instanceId;
  }

  /**
   * The rights of server {@code ssid} in the spec's order: its own ACL entry; else full rights
   * (R, W, E, D) if it is the owner; else the default entry (resource instance 0); else none.
   */
  AccessRights rightsOf(int ssid) {
    AccessRights own = acl.get(ssid);
    if (own != null) {
      return own;
    }
    if (ssid == owner) {
      return AccessRights.OWNER;
    }
    return acl.getOrDefault(DEFAULT_ENTRY, AccessRights.NONE);
  }

  private static OptionalLong single(LwM2mObjectInstance instance, int resourceId) {
    Optional<LwM2mResource> resource = instance.resource(resourceId);
    if (resource.isPresent() && resource.get() instanceof SingleResource value) {
      return integer(value.value());
    }
    return OptionalLong.empty();
  }

  private static OptionalLong integer(Value value) {
    if (value instanceof IntegerValue integer) {
      return OptionalLong.of(integer.value());
    } else if (value instanceof UnsignedIntegerValue unsigned && unsigned.bits() >= 0) {
      return OptionalLong.of(unsigned.bits());
    }
    return OptionalLong.empty();
  }
}
