package org.lwm2m4j.client.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.client.object.DmView;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Read-, Observe- and Write-Composite (1.1) on the DM view, once the request parser decoded their
 * targets and access control narrowed them. Read and Observe are best effort: a target that does
 * not exist or cannot be read is left out (4.04 only if none exists); Write-Composite checks
 * every target before it writes any.
 */
final class CompositeOperations {
  private final DmView tree;
  private final ObservationTracker observations;
  private final NodeCodecs codecs = NodeCodecs.standard();

  CompositeOperations(DmView tree, ObservationTracker observations) {
    this.tree = tree;
    this.observations = observations;
  }

  CoapResponse read(DmRequest request) {
    ContentFormat format = responseFormat(request.coap());
    List<LwM2mPath> readable = new ArrayList<>();
    for (LwM2mPath present : present(request.targets())) {
      if (present.isRoot() || isReadable(present)) {
        readable.add(present);
      }
    }
    return observations.content(readable, true, format);
  }

  CoapResponse observe(DmRequest request) {
    ContentFormat format = responseFormat(request.coap());
    CoapRequest coap = request.coap();
    Optional<NotificationAttributes> own = coap.query().isEmpty() ? Optional.empty()
        : Optional.of(AttributeUpdate.parseQuery(coap.query()).set());
    CoapResponse first = observations.content(present(request.targets()), true, format);
    observations.start(request.ssid(), request.relation().orElseThrow(), request.targets(), true, format, own);
    return first;
  }

  CoapResponse write(DmRequest request) {
    for (LwM2mPath target : request.values().keySet()) {
      ResourceModel model = tree.tree().objectModel(target.objectId()).flatMap(m -> m.resource(target.resourceId()))
          .orElseThrow(() -> new NotFoundException("no resource " + target));
      if (!model.operations().isWritable()) {
        throw new MethodNotAllowedException(target + " is not writable");
      }
      if (tree.tree().instance(target.objectId(), target.instanceId()).isEmpty()) {
        throw new NotFoundException("no instance /" + target.objectId() + "/" + target.instanceId());
      }
    }
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : request.values().entrySet()) {
      LwM2mPath target = entry.getKey();
      LwM2mNode node = entry.getValue();
      if (target.isResourceInstance()) {
        ResourceModel model = tree.tree().objectModel(target.objectId()).flatMap(m -> m.resource(target.resourceId())).orElseThrow();
        tree.write(target.parent(), new MultipleResource(model.id(), model.type(), List.of((LwM2mResourceInstance) node)), false);
      } else {
        LwM2mResource resource = (LwM2mResource) node;
        tree.write(target, resource, !(resource instanceof MultipleResource));
      }
    }
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  /** The Accept, or the request's own format; 4.06 if it cannot carry a composite answer. */
  private ContentFormat responseFormat(CoapRequest request) {
    ContentFormat format = request.accept().isPresent()
        ? ContentFormat.fromCode(request.accept().getAsInt()).orElseThrow(() -> new NotAcceptableException("content format "
            + request.accept().getAsInt() + " is unknown"))
        : PayloadFormats.of(request);
    if (codecs.composite(format).isEmpty()) {
      throw new NotAcceptableException(format.shortName() + " cannot carry a composite answer");
    }
    return format;
  }

  private boolean isReadable(LwM2mPath path) {
    try {
      tree.read(path);
      return true;
    } catch (MethodNotAllowedException notReadable) {
      return false;
    }
  }

  /** The paths that exist; a composite answer leaves out the others (all absent → 4.04). */
  private List<LwM2mPath> present(List<LwM2mPath> paths) {
    List<LwM2mPath> present = new ArrayList<>();
    for (LwM2mPath path : paths) {
      if (tree.tree().exists(path)) {
        present.add(path);
      }
    }
    if (present.isEmpty()) {
      throw new NotFoundException("none of " + paths + " exists");
    }
    return present;
  }
}
