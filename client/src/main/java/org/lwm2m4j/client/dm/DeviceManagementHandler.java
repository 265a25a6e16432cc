package org.lwm2m4j.client.dm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.acl.Operation;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * The client's Device Management and Information Reporting interface on CoAP: maps each request
 * to an {@link ObjectTree} operation — GET (Read, or Discover with Accept link-format, or Observe),
 * PUT (Write replace, or Write-Attributes when it has a query and no payload), POST (Create on an
 * object, partial Write on an instance or multiple resource, Execute on an executable resource),
 * DELETE, FETCH / (Read- and Observe-Composite), iPATCH / (Write-Composite) — and answers with
 * the spec's codes: 4.04 unknown path, 4.05 not allowed by the model, 4.06 an Accept the client
 * cannot produce, 4.15 a payload format it cannot read, 4.00 a payload that does not decode.
 */
public final class DeviceManagementHandler implements CoapHandler {
  private final ObjectTree tree;
  private final AttributeStore attributes;
  private final ObservationTracker observations;
  private final ServerIdentity servers;
  private final ContentFormat preferred;
  private final AccessControl access;
  private final NodeCodecs codecs = NodeCodecs.standard();

  /**
   * @param preferred the format for multi-value answers when the server sends no Accept
   */
  public DeviceManagementHandler(ObjectTree tree, AttributeStore attributes, ObservationTracker observations,
      ServerIdentity servers, ContentFormat preferred) {
    this(tree, attributes, observations, servers, preferred, new AccessControl(tree, () -> 1));
  }

  /**
   * @param access the Access Control (object 2) rules, checked before every operation (4.01 when denied)
   */
  public DeviceManagementHandler(ObjectTree tree, AttributeStore attributes, ObservationTracker observations,
      ServerIdentity servers, ContentFormat preferred, AccessControl access) {
    this.access = access;
    this.tree = tree;
    this.attributes = attributes;
    this.observations = observations;
    this.servers = servers;
    this.preferred = preferred;
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    return CompletableFuture.completedFuture(serve(request, Optional.empty()));
  }

  @Override
  public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
    return CompletableFuture.completedFuture(serve(request, Optional.of(relation)));
  }

  private CoapResponse serve(CoapRequest request, Optional<ObserveRelation> relation) {
    int ssid = ssid(request);
    LwM2mPath path = path(request.path());
    switch (request.method()) {
      case GET:
        if (request.accept().isPresent() && request.accept().getAsInt() == ContentFormat.LINK.code()) {
          access.check(ssid, Operation.DISCOVER, path);
          return discover(ssid, path);
        }
        access.check(ssid, relation.isPresent() ? Operation.OBSERVE : Operation.READ, path);
        return relation.isPresent() ? observe(ssid, path, request, relation.get()) : read(ssid, path, request);
      case PUT:
        if (request.payload().length == 0 && request.contentFormat().isEmpty()) {
          access.check(ssid, Operation.WRITE_ATTRIBUTES, path);
          return writeAttributes(ssid, path, request);
        }
        access.check(ssid, Operation.WRITE, path);
        return write(path, request, true);
      case POST:
        return post(ssid, path, request);
      case DELETE:
        access.check(ssid, Operation.DELETE, path);
        tree.dmView().delete(path);
        if (path.isObjectInstance()) {
          access.deleted(path);
        }
        return CoapResponse.of(ResponseCode.DELETED);
      case FETCH:
        return relation.isPresent() ? observeComposite(ssid, path, request, relation.get()) : readComposite(ssid, path, request);
      case IPATCH:
        return writeComposite(ssid, path, request);
      default:
        throw new MethodNotAllowedException(request.method() + " is not a LwM2M operation");
    }
  }

  private int ssid(CoapRequest request) {
    OptionalInt ssid = servers.ssidOf(request.peer());
    if (ssid.isEmpty()) {
      throw new UnauthorizedException(request.peer() + " is not a server this client is registered with");
    }
    return ssid.getAsInt();
  }

  private static LwM2mPath path(List<String> segments) {
    if (segments.size() > 4) {
      throw new NotFoundException("no LwM2M path has more than 4 segments: /" + String.join("/", segments));
    }
    int[] ids = new int[segments.size()];
    for (int i = 0; i < ids.length; i++) {
      try {
        ids[i] = Integer.parseInt(segments.get(i));
      } catch (NumberFormatException e) {
        throw new NotFoundException("/" + String.join("/", segments) + " is not a LwM2M path");
      }
      if (!LwM2mPath.isValidId(ids[i])) {
        throw new NotFoundException("/" + String.join("/", segments) + " is not a LwM2M path");
      }
    }
    return LwM2mPath.of(ids);
  }

  // ---- Read / Observe ------------------------------------------------------------------------

  private CoapResponse read(int ssid, LwM2mPath path, CoapRequest request) {
    LwM2mNode node = tree.dmView().read(path);
    if (node instanceof LwM2mObject object && access.enabled()) {
      List<LwM2mObjectInstance> readable = new ArrayList<>();
      for (LwM2mObjectInstance instance : object.instances()) {
        if (access.canRead(ssid, path.append(instance.id()))) {
          readable.add(instance);
        }
      }
      node = new LwM2mObject(object.id(), readable);
    }
    ContentFormat format = responseFormat(request, path, node);
    return content(format, codecs.encode(format, node, path, tree));
  }

  private CoapResponse observe(int ssid, LwM2mPath path, CoapRequest request, ObserveRelation relation) {
    Optional<NotificationAttributes> own = observationAttributes(path, request);
    LwM2mNode node = tree.dmView().read(path);
    ContentFormat format = responseFormat(request, path, node);
    CoapResponse first = content(format, codecs.encode(format, node, path, tree));
    observations.start(ssid, relation, List.of(path), false, format, own);
    return first;
  }

  private Optional<NotificationAttributes> observationAttributes(LwM2mPath path, CoapRequest request) {
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
    if (node instanceof org.lwm2m4j.core.node.LwM2mResourceInstance instance) {
      return instance.value() instanceof OpaqueValue ? ContentFormat.OPAQUE : ContentFormat.TEXT;
    }
    return preferred;
  }

  private static CoapResponse content(ContentFormat format, byte[] payload) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(format.code()), List.of(), payload);
  }

  // ---- Discover / Write-Attributes -----------------------------------------------------------

  private CoapResponse discover(int ssid, LwM2mPath path) {
    String links = LinkFormatWriter.write(tree.dmView().discover(path, linkPath -> attributes.discovered(ssid, linkPath, path)));
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
    if (!tree.exists(path)) {
      tree.dmView().read(path);
      throw new NotFoundException("no " + path);
    }
    Optional<ResourceModel> resource = path.depth() >= 3
        ? tree.objectModel(path.objectId()).flatMap(model -> model.resource(path.resourceId()))
        : Optional.empty();
    attributes.apply(ssid, path, update, resource);
    observations.attributesChanged(ssid);
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  // ---- Write / Create / Execute --------------------------------------------------------------

  private CoapResponse write(LwM2mPath path, CoapRequest request, boolean replace) {
    if (path.isRoot() || path.isObject()) {
      throw new MethodNotAllowedException("Write on " + (path.isRoot() ? "/" : path) + " is not allowed; write an instance or resource");
    }
    LwM2mNode node = decode(request, path);
    tree.dmView().write(path, node, replace);
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  private CoapResponse post(int ssid, LwM2mPath path, CoapRequest request) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("POST / is not a LwM2M operation");
    }
    if (path.isObject()) {
      access.check(ssid, Operation.CREATE, path);
      CoapResponse created = create(path, request);
      List<String> location = created.locationPath();
      access.created(ssid, LwM2mPath.of(path.objectId(), Integer.parseInt(location.get(location.size() - 1))));
      return created;
    }
    if (path.isResource()) {
      Optional<ResourceModel> model = tree.objectModel(path.objectId()).flatMap(m -> m.resource(path.resourceId()));
      if (model.isPresent() && model.get().operations().isExecutable()) {
        if (request.contentFormat().isPresent() && request.contentFormat().getAsInt() != ContentFormat.TEXT.code()) {
          throw new UnsupportedContentFormatException("Execute arguments are text/plain, not content format " + request.contentFormat().getAsInt());
        }
        access.check(ssid, Operation.EXECUTE, path);
        tree.dmView().execute(path, new String(request.payload(), StandardCharsets.US_ASCII));
        return CoapResponse.of(ResponseCode.CHANGED);
      }
      if (model.isPresent() && !model.get().multiple()) {
        tree.dmView().read(path);
        throw new MethodNotAllowedException(path + " is neither executable nor a multiple resource; write it with PUT");
      }
    }
    access.check(ssid, Operation.WRITE, path);
    return write(path, request, false);
  }

  private CoapResponse create(LwM2mPath path, CoapRequest request) {
    if (tree.objectModel(path.objectId()).isEmpty()) {
      throw new NotFoundException("object " + path.objectId() + " is not implemented by this client");
    }
    if (request.payload().length == 0) {
      return created(tree.dmView().create(path.objectId(), OptionalInt.empty(), List.of()));
    }
    ContentFormat format = requestFormat(request);
    if (format == ContentFormat.TLV || format == ContentFormat.LWM2M_CBOR || format == ContentFormat.TLV_LEGACY) {
      LwM2mObject object;
      try {
        object = (LwM2mObject) codecs.decode(format, request.payload(), path, tree);
      } catch (InvalidRequestException asObject) {
        LwM2mObjectInstance bare = (LwM2mObjectInstance) codecs.decode(format, request.payload(), path.append(0), tree);
        return created(tree.dmView().create(path.objectId(), OptionalInt.empty(), bare.resources()));
      }
      // Outside the try: a refused Create (id in use, mandatory resource missing) is the answer,
      // not a sign that the payload holds bare resources.
      return createAll(path, object);
    }
    return createAll(path, (LwM2mObject) decodeAs(format, request.payload(), path));
  }

  private CoapResponse createAll(LwM2mPath path, LwM2mObject object) {
    if (object.instances().size() != 1) {
      throw new InvalidRequestException("a Create carries exactly one instance, got " + object.instances().size());
    }
    LwM2mObjectInstance instance = object.instances().get(0);
    return created(tree.dmView().create(path.objectId(), OptionalInt.of(instance.id()), instance.resources()));
  }

  private static CoapResponse created(LwM2mPath path) {
    return CoapResponse.created(List.of(Integer.toString(path.objectId()), Integer.toString(path.instanceId())));
  }

  private LwM2mNode decode(CoapRequest request, LwM2mPath path) {
    return decodeAs(requestFormat(request), request.payload(), path);
  }

  private LwM2mNode decodeAs(ContentFormat format, byte[] payload, LwM2mPath path) {
    return codecs.decode(format, payload, path, tree);
  }

  private static ContentFormat requestFormat(CoapRequest request) {
    int code = request.contentFormat().orElseThrow(() -> new InvalidRequestException("the payload needs a Content-Format"));
    return ContentFormat.fromCode(code)
        .orElseThrow(() -> new UnsupportedContentFormatException("content format " + code + " is not supported"));
  }

  // ---- Composite -----------------------------------------------------------------------------

  private CompositeCodec compositeCodec(ContentFormat format) {
    return codecs.composite(format).orElseThrow(() -> new UnsupportedContentFormatException(
        format.shortName() + " cannot carry a composite request; use SenML JSON, SenML CBOR or LwM2M CBOR"));
  }

  private List<LwM2mPath> compositePaths(LwM2mPath path, CoapRequest request) {
    if (!path.isRoot()) {
      throw new MethodNotAllowedException("composite operations target /, not " + path);
    }
    return compositeCodec(requestFormat(request)).decodePaths(request.payload());
  }

  private ContentFormat compositeResponseFormat(CoapRequest request) {
    ContentFormat format = request.accept().isPresent()
        ? ContentFormat.fromCode(request.accept().getAsInt()).orElseThrow(() -> new NotAcceptableException("content format "
            + request.accept().getAsInt() + " is unknown"))
        : requestFormat(request);
    if (codecs.composite(format).isEmpty()) {
      throw new NotAcceptableException(format.shortName() + " cannot carry a composite answer");
    }
    return format;
  }

  private CoapResponse readComposite(int ssid, LwM2mPath path, CoapRequest request) {
    List<LwM2mPath> paths = readableBy(ssid, compositePaths(path, request));
    ContentFormat format = compositeResponseFormat(request);
    // Read-Composite is best effort: a path that exists but is not readable is left out, as a missing one is.
    List<LwM2mPath> readable = new ArrayList<>();
    for (LwM2mPath present : present(paths)) {
      if (present.isRoot() || isReadable(present)) {
        readable.add(present);
      }
    }
    return observations.content(readable, true, format);
  }

  private boolean isReadable(LwM2mPath path) {
    try {
      tree.dmView().read(path);
      return true;
    } catch (MethodNotAllowedException notReadable) {
      return false;
    }
  }

  private CoapResponse observeComposite(int ssid, LwM2mPath path, CoapRequest request, ObserveRelation relation) {
    List<LwM2mPath> paths = readableBy(ssid, compositePaths(path, request));
    ContentFormat format = compositeResponseFormat(request);
    Optional<NotificationAttributes> own = request.query().isEmpty() ? Optional.empty()
        : Optional.of(AttributeUpdate.parseQuery(request.query()).set());
    CoapResponse first = observations.content(present(paths), true, format);
    observations.start(ssid, relation, paths, true, format, own);
    return first;
  }

  /** The paths server {@code ssid} may read; none at all is 4.01. */
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

  /** The paths that exist; a composite answer leaves out the others (all absent → 4.04). */
  private List<LwM2mPath> present(List<LwM2mPath> paths) {
    List<LwM2mPath> present = new ArrayList<>();
    for (LwM2mPath path : paths) {
      if (tree.exists(path)) {
        present.add(path);
      }
    }
    if (present.isEmpty()) {
      throw new NotFoundException("none of " + paths + " exists");
    }
    return present;
  }

  private CoapResponse writeComposite(int ssid, LwM2mPath path, CoapRequest request) {
    if (!path.isRoot()) {
      throw new MethodNotAllowedException("Write-Composite targets /, not " + path);
    }
    ContentFormat format = requestFormat(request);
    Map<LwM2mPath, LwM2mNode> values = compositeCodec(format).decodeNodes(request.payload(), List.of(), tree);
    for (LwM2mPath target : values.keySet()) {
      access.check(ssid, Operation.WRITE, target);
    }
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : values.entrySet()) {
      LwM2mPath target = entry.getKey();
      ResourceModel model = tree.objectModel(target.objectId()).flatMap(m -> m.resource(target.resourceId()))
          .orElseThrow(() -> new NotFoundException("no resource " + target));
      if (!model.operations().isWritable()) {
        throw new MethodNotAllowedException(target + " is not writable");
      }
      if (tree.instance(target.objectId(), target.instanceId()).isEmpty()) {
        throw new NotFoundException("no instance /" + target.objectId() + "/" + target.instanceId());
      }
    }
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : values.entrySet()) {
      LwM2mPath target = entry.getKey();
      LwM2mNode node = entry.getValue();
      if (target.isResourceInstance()) {
        LwM2mPath resourcePath = target.parent();
        ResourceModel model = tree.objectModel(target.objectId()).flatMap(m -> m.resource(target.resourceId())).orElseThrow();
        tree.dmView().write(resourcePath, new MultipleResource(model.id(), model.type(),
            List.of((org.lwm2m4j.core.node.LwM2mResourceInstance) node)), false);
      } else {
        LwM2mResource resource = (LwM2mResource) node;
        tree.dmView().write(target, resource, !(resource instanceof MultipleResource));
      }
    }
    return CoapResponse.of(ResponseCode.CHANGED);
  }
}
