package org.lwm2m4j.client.dm;

import java.util.List;
import java.util.OptionalInt;
import org.lwm2m4j.client.object.DmView;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * A DM Create: decodes the payload (an object with one instance, or — in TLV and LwM2M CBOR — the
 * bare resources of a new instance whose id the client picks) and creates the instance, answering
 * 2.01 with its Location-Path.
 */
final class Creation {
  private final DmView tree;
  private final NodeCodecs codecs;

  Creation(DmView tree, NodeCodecs codecs) {
    this.tree = tree;
    this.codecs = codecs;
  }

  CoapResponse create(LwM2mPath path, CoapRequest request) {
    if (tree.tree().objectModel(path.objectId()).isEmpty()) {
      throw new NotFoundException("object " + path.objectId() + " is not implemented by this client");
    }
    if (request.payload().length == 0) {
      return created(tree.create(path.objectId(), OptionalInt.empty(), List.of()));
    }
    ContentFormat format = PayloadFormats.of(request);
    if (format == ContentFormat.TLV || format == ContentFormat.LWM2M_CBOR || format == ContentFormat.TLV_LEGACY) {
      LwM2mObject object;
      try {
        object = (LwM2mObject) codecs.decode(format, request.payload(), path, tree.tree());
      } catch (InvalidRequestException asObject) {
        LwM2mObjectInstance bare = (LwM2mObjectInstance) codecs.decode(format, request.payload(), path.append(0), tree.tree());
        return created(tree.create(path.objectId(), OptionalInt.empty(), bare.resources()));
      }
      // Outside the try: a refused Create (id in use, mandatory resource missing) is the answer,
      // not a sign that the payload holds bare resources.
      return createAll(path, object);
    }
    return createAll(path, (LwM2mObject) codecs.decode(format, request.payload(), path, tree.tree()));
  }

  private CoapResponse createAll(LwM2mPath path, LwM2mObject object) {
    if (object.instances().size() != 1) {
      throw new InvalidRequestException("a Create carries exactly one instance, got " + object.instances().size());
    }
    LwM2mObjectInstance instance = object.instances().get(0);
    return created(tree.create(path.objectId(), OptionalInt.of(instance.id()), instance.resources()));
  }

  private static CoapResponse created(LwM2mPath path) {
    return CoapResponse.created(List.of(Integer.toString(path.objectId()), Integer.toString(path.instanceId())));
  }
}
