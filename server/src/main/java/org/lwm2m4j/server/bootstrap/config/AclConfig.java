package org.lwm2m4j.server.bootstrap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * One Access Control (object 2) instance a bootstrap writes: the object instance it governs
 * ({@code instanceId} 65535 for the object-level Create right), the rights per Short Server ID (0
 * is the default entry; bits R=1 W=2 E=4 D=8 C=16) and the Access Control Owner's SSID (65535: only
 * the Bootstrap-Server may change it).
 */
public record AclConfig(int objectId, int instanceId, Map<Integer, Integer> rights, int owner) {
  public AclConfig {
    if (objectId < 1 || objectId > LwM2mPath.MAX_ID) {
      throw new InvalidRequestException("acls: objectId " + objectId + " is outside 1..65534");
    }
    if (instanceId < 0 || instanceId > 65535) {
      throw new InvalidRequestException("acls: instanceId " + instanceId + " is outside 0..65535 (65535 = the object, for Create)");
    }
    rights = java.util.Collections.unmodifiableMap(new TreeMap<>(rights));
    for (Map.Entry<Integer, Integer> entry : rights.entrySet()) {
      if (entry.getKey() < 0 || entry.getKey() > 65534) {
        throw new InvalidRequestException("acls: server " + entry.getKey() + " is outside 0..65534 (0 = default entry)");
      }
      if (entry.getValue() < 0 || entry.getValue() > 31) {
        throw new InvalidRequestException("acls: rights " + entry.getValue() + " for server " + entry.getKey()
            + " are outside 0..31 (R=1 W=2 E=4 D=8 C=16)");
      }
    }
    if (owner < 1 || owner > 65535) {
      throw new InvalidRequestException("acls: owner " + owner + " is outside 1..65535");
    }
  }

  /** The instance {@code /2/id} that holds this entry. */
  LwM2mObjectInstance instance(int id) {
    List<LwM2mResourceInstance> acl = new ArrayList<>();
    rights.forEach((ssid, mask) -> acl.add(LwM2mResourceInstance.of(ssid, Value.ofInteger(mask))));
    return new LwM2mObjectInstance(id, List.of(SingleResource.of(0, Value.ofInteger(objectId)),
        SingleResource.of(1, Value.ofInteger(instanceId)), new MultipleResource(2, ResourceType.INTEGER, acl),
        SingleResource.of(3, Value.ofInteger(owner))));
  }
}
