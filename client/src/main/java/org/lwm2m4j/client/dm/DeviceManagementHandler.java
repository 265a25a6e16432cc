package org.lwm2m4j.client.dm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.object.DmView;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The last step of the client's chain: performs a parsed, permitted DM operation on the tree's
 * {@link DmView} and answers with its content — Read, Observe, Discover, Write-Attributes, Write,
 * Create, Execute, Delete, and the composites — with 4.06 for an Accept the client cannot produce,
 * 4.15 for a payload format it cannot read and 4.00 for a payload that does not decode. Build the
 * chain around it with {@link ClientInbound#chain}.
 *
 * <p>Thread-safe: it keeps no state; the tree, attributes and observations are thread-safe.
 */
public final class DeviceManagementHandler implements Service<DmRequest> {
  private final DmView tree;
  private final AttributeStore attributes;
  private final ObservationTracker observations;
  private final ContentFormat preferred;
  private final Creation creation;
  private final CompositeOperations composites;
  private final NodeCodecs codecs = NodeCodecs.standard();

  /**
   * @param preferred the format for multi-value answers when the server sends no Accept
   */
  public DeviceManagementHandler(ObjectTree tree, AttributeStore attributes, ObservationTracker observations, ContentFormat preferred) {
    this.tree = tree.dmView();
    this.attributes = attributes;
    this.observations = observations;
    this.preferred = preferred;
    this.creation = new Creation(this.tree, codecs);
    this.composites = new CompositeOperations(this.tree, observations);
  }

  @Override
  public CompletableFuture<CoapResponse> handle(DmRequest request) {
    return CompletableFuture.completedFuture(perform(request));
  }

  private CoapResponse perform(DmRequest request) {
    LwM2mPath path = request.path();
    return switch (request.operation()) {
      case READ -> read(request);
      case OBSERVE -> observe(request);
      case DISCOVER -> discover(request.ssid(), path);
      case WRITE_ATTRIBUTES -> writeAttributes(request.ssid(), path, request.coap());
      case WRITE_REPLACE -> write(path, request.coap(), true);
      case WRITE_UPDATE -> write(path, request.coap(), false);
      case CREATE -> creation.create(path, request.coap());
      case EXECUTE -> execute(path, request.coap());
      case DELETE -> delete(path);
      case READ_COMPOSITE -> composites.read(request);
      case OBSERVE_COMPOSITE -> composites.observe(request);
      case WRITE_COMPOSITE -> composites.write(request);
    };
  }

  // ---- Read / Observe ------------------------------------------------------------------------

  private CoapResponse read(DmRequest request) {
    LwM2mPath path = request.path();
    LwM2mNode node = tree.read(path);
    if (node instanceof LwM2mObject object) {
      List<LwM2mObjectInstance> readable = new ArrayList<>();
      for (LwM2mObjectInstance instance : object.instances()) {
        if (request.readable().test(path.append(instance.id()))) {
          readable.add(instance);
        }
      }
      node = new LwM2mObject(object.id(), readable);
    }
    ContentFormat format = responseFormat(request.coap(), path, node);
    return content(format, codecs.encode(format, node, path, tree.tree()));
  }

  private CoapResponse observe(DmRequest request) {
    LwM2mPath path = request.path();
    Optional<NotificationAttributes> own = observationAttributes(path, request.coap());
    LwM2mNode node = tree.read(path);
    ContentFormat format = responseFormat(request.coap(), path, node);
    CoapResponse first = content(format, codecs.encode(format, node, path, tree.tree()));
    observations.start(request.ssid(), request.relation().orElseThrow(), List.of(path), false, format, own);
    return first;
  }

  private static Optional<NotificationAttributes> observationAttributes(LwM2mPath path, CoapRequest request) {
    if (request.query().isEmpty()) {
      return Optional.empty();
    }
    NotificationAttributes own = AttributeUpdate.parseQuery(request.query()).set();
    own.validateAt(path);
    return Optional.of(own);
  }

  /** The Accept if the client can produce it (else 4.06); without Accept, text for one value, else the preferred format. */
  private ContentFormat responseFormat(CoapRequest request, LwM2mPath path, LwM2mNode node) {
    if (request.accept().isPresent()) {
      int code = request.accept().getAsInt();
      ContentFormat format = ContentFormat.fromCode(code).orElseThrow(() -> new NotAcceptableException("content format " + code + " is unknown"));
      if (!codecs.supports(format, path)) {
        throw new NotAcceptableException(format.shortName() + " cannot carry " + path);
      }
      return format;
    }
    if (node instanceof SingleResource single) {
      return single.value() instanceof OpaqueValue ? ContentFormat.OPAQUE : ContentFormat.TEXT;
    }
    if (node instanceof LwM2mResourceInstance instance) {
      return instance.value() instanceof OpaqueValue ? ContentFormat.OPAQUE : ContentFormat.TEXT;
    }
    return preferred;
  }

  private static CoapResponse content(ContentFormat format, byte[] payload) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(format.code()), List.of(), payload);
  }

  // ---- Discover / Write-Attributes -----------------------------------------------------------

  private CoapResponse discover(int ssid, LwM2mPath path) {
    String links = LinkFormatWriter.write(tree.discover(path, linkPath -> attributes.discovered(ssid, linkPath, path)));
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.LINK.code()), List.of(),
        links.getBytes(StandardCharsets.UTF_8));
  }

  private CoapResponse writeAttributes(int ssid, LwM2mPath path, CoapRequest request) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("Write-Attributes on / is not allowed");
    }
    if (request.query().isEmpty()) {
      throw new InvalidRequestException("a PUT without payload must carry attributes (e.g. ?pmin=10) or a Content-Format");
    }
    AttributeUpdate update = AttributeUpdate.parseQuery(request.query());
    if (!tree.tree().exists(path)) {
      tree.read(path);
      throw new NotFoundException("no " + path);
    }
    Optional<ResourceModel> resource = path.depth() >= 3
        ? tree.tree().objectModel(path.objectId()).flatMap(model -> model.resource(path.resourceId()))
        : Optional.empty();
    attributes.apply(ssid, path, update, resource);
    observations.attributesChanged(ssid);
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  // ---- Write / Execute / Delete --------------------------------------------------------------

  private CoapResponse write(LwM2mPath path, CoapRequest request, boolean replace) {
    if (path.isRoot() || path.isObject()) {
      throw new MethodNotAllowedException("Write on " + (path.isRoot() ? "/" : path) + " is not allowed; write an instance or resource");
    }
    LwM2mNode node = codecs.decode(PayloadFormats.of(request), request.payload(), path, tree.tree());
    tree.write(path, node, replace);
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  private CoapResponse execute(LwM2mPath path, CoapRequest request) {
    tree.execute(path, new String(request.payload(), StandardCharsets.US_ASCII));
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  private CoapResponse delete(LwM2mPath path) {
    tree.delete(path);
    return CoapResponse.of(ResponseCode.DELETED);
  }
}
