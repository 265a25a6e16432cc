package org.lwm2m4j.client.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The notification attributes each server assigned with Write-Attributes, per path (object,
 * instance, resource, resource instance). They persist until changed or unset and do not end with
 * an observation. Thread-safe.
 */
public final class AttributeStore {
  private final Map<Integer, Map<LwM2mPath, NotificationAttributes>> byServer = new ConcurrentHashMap<>();

  /**
   * Applies a Write-Attributes from server {@code ssid} at {@code path}; the resulting set is
   * checked first, so an invalid combination (4.00) changes nothing.
   *
   * @param resource the model of the resource at or above {@code path}, to check gt/lt/st/edge against its type
   */
  public synchronized void apply(int ssid, LwM2mPath path, AttributeUpdate update, Optional<ResourceModel> resource) {
    Map<LwM2mPath, NotificationAttributes> assigned = byServer.computeIfAbsent(ssid, id -> new ConcurrentHashMap<>());
    NotificationAttributes next = update.applyTo(assigned.getOrDefault(path, NotificationAttributes.NONE));
    if (resource.isPresent()) {
      next.validateAt(path, resource.get());
    } else {
      next.validateAt(path);
    }
    if (next.isEmpty()) {
      assigned.remove(path);
    } else {
      assigned.put(path, next);
    }
  }

  /** What server {@code ssid} assigned exactly at {@code path}. */
  public NotificationAttributes assigned(int ssid, LwM2mPath path) {
    Map<LwM2mPath, NotificationAttributes> assigned = byServer.get(ssid);
    return assigned == null ? NotificationAttributes.NONE : assigned.getOrDefault(path, NotificationAttributes.NONE);
  }

  /** The effective attributes at {@code path} for server {@code ssid}: inherited level by level, then {@code defaults}. */
  public NotificationAttributes effective(int ssid, LwM2mPath path, ServerDefaults defaults) {
    NotificationAttributes object = path.depth() >= 1 ? assigned(ssid, LwM2mPath.of(path.objectId())) : NotificationAttributes.NONE;
    NotificationAttributes instance = path.depth() >= 2 ? assigned(ssid, LwM2mPath.of(path.objectId(), path.instanceId())) : NotificationAttributes.NONE;
    NotificationAttributes resource = path.depth() >= 3
        ? assigned(ssid, LwM2mPath.of(path.objectId(), path.instanceId(), path.resourceId())) : NotificationAttributes.NONE;
    NotificationAttributes resourceInstance = path.depth() >= 4 ? assigned(ssid, path) : NotificationAttributes.NONE;
    return NotificationAttributes.effective(object, instance, resource, resourceInstance, defaults);
  }

  /**
   * The attributes Discover shows at {@code path}: the effective ones (without server defaults) for
   * the target of the Discover, only those assigned there for the links below it.
   */
  public List<LinkAttribute> discovered(int ssid, LwM2mPath path, LwM2mPath target) {
    NotificationAttributes shown = path.equals(target) ? effective(ssid, path, ServerDefaults.NONE) : assigned(ssid, path);
    return new ArrayList<>(shown.toLinkAttributes());
  }

  /** Forgets a server's attributes (it was removed). */
  public void forget(int ssid) {
    byServer.remove(ssid);
  }
}
