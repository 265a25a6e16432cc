package org.lwm2m4j.client.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.acl.Operation;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Access control (object 2) in the client's chain: refuses with 4.01 what the server may not do,
 * narrows what it may read, and keeps the ACO instances in step with the instances a server
 * creates or deletes. Read- and Observe-Composite go on with the targets the server may read
 * (4.01 if none), Write-Composite only if it may write every target; a Read of a whole object
 * leaves out the instances it may not read.
 */
final class AccessCheck implements Filter<DmRequest, DmRequest> {
  private final AccessControl access;
  private final ObjectTree tree;

  AccessCheck(AccessControl access, ObjectTree tree) {
    this.access = access;
    this.tree = tree;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(DmRequest request, Service<DmRequest> next) {
    int ssid = request.ssid();
    LwM2mPath path = request.path();
    switch (request.operation()) {
      case READ_COMPOSITE:
      case OBSERVE_COMPOSITE:
        return next.handle(request.withTargets(readableBy(ssid, request.targets())));
      case WRITE_COMPOSITE:
        for (LwM2mPath target : request.values().keySet()) {
          access.check(ssid, Operation.WRITE, target);
        }
        return next.handle(request);
      case READ:
        access.check(ssid, Operation.READ, path);
        return next.handle(access.enabled() ? request.withReadable(instance -> access.canRead(ssid, instance)) : request);
      case CREATE:
        access.check(ssid, Operation.CREATE, path);
        return next.handle(request).thenApply(created -> {
          List<String> location = created.locationPath();
          access.created(ssid, LwM2mPath.of(path.objectId(), Integer.parseInt(location.get(location.size() - 1))));
          return created;
        });
      case DELETE:
        access.check(ssid, Operation.DELETE, path);
        return next.handle(request).thenApply(deleted -> {
          if (path.isObjectInstance()) {
            access.deleted(path);
          }
          return deleted;
        });
      default:
        access.check(ssid, request.operation().access(), path);
        return next.handle(request);
    }
  }

  /** The paths server {@code ssid} may read (absent ones pass, to be left out later); none at all is 4.01. */
  private List<LwM2mPath> readableBy(int ssid, List<LwM2mPath> paths) {
    if (!access.enabled()) {
      return paths;
    }
    List<LwM2mPath> readable = new ArrayList<>();
    for (LwM2mPath path : paths) {
      if (!tree.exists(path) || access.canRead(ssid, path)) {
        readable.add(path);
      }
    }
    if (readable.isEmpty()) {
      access.check(ssid, Operation.READ, paths.get(0));
    }
    return readable;
  }
}
