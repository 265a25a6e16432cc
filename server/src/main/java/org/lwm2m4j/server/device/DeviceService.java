package org.lwm2m4j.server.device;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkFormatParser;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;

/**
 * The Device Management and Service Enablement interface of the server: every downlink operation
 * on a registered client, asynchronous, each with a timeout. Paths are LwM2M paths; the client's
 * alternate root path (from its Register) is added on the wire. Payloads are encoded in the format
 * {@link ContentFormatPolicy} picks for the client unless {@link RequestOptions} override it.
 *
 * <p>Every future completes exceptionally with a {@link LwM2mException} of the code the device
 * answered (4.04 → {@link org.lwm2m4j.core.error.NotFoundException} …), a {@link
 * java.util.concurrent.TimeoutException} when it did not answer in time, or an {@link
 * InvalidRequestException} when its answer could not be decoded. Thread-safe.
 */
public final class DeviceService {
  private final DownlinkEndpoints endpoints;
  private final ObjectModelRegistry models;
  private final NodeCodecs codecs;
  private final ContentFormatPolicy formats;
  private final Duration defaultTimeout;
  private final java.util.List<RequestObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

  public DeviceService(CoapEndpoint endpoint, ObjectModelRegistry models, Duration defaultTimeout) {
    this(DownlinkEndpoints.single(endpoint), models, defaultTimeout);
  }

  /** A device API reaching each client through the endpoint it registered on (plain or DTLS). */
  public DeviceService(DownlinkEndpoints endpoints, ObjectModelRegistry models, Duration defaultTimeout) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.models = Objects.requireNonNull(models, "models");
    this.codecs = NodeCodecs.standard();
    this.formats = new ContentFormatPolicy(codecs);
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
  }

  private RequestQueue queue;
  private Presence presence;

  /**
   * Queue mode: requests for a queue-mode client that {@code presence} says sleeps go to {@code
   * queue} instead, and their futures fail at once with {@link RequestQueuedException} (which
   * carries the queued request and its eventual result).
   */
  public void queueFor(RequestQueue queue, Presence presence) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.presence = Objects.requireNonNull(presence, "presence");
  }

  /** Adds an observer of every request's outcome and latency. */
  public void addObserver(RequestObserver observer) {
    observers.add(observer);
  }

  /** Read: the node at {@code path} (object, instance, resource or resource instance). */
  public CompletableFuture<LwM2mNode> read(Registration registration, LwM2mPath path, RequestOptions options) {
    return attempt(registration, "read", Optional.of(path), current -> readNow(current, path, options));
  }

  private CompletableFuture<LwM2mNode> readNow(Registration registration, LwM2mPath path, RequestOptions options) {
    requireNotRoot(path, "Read");
    ContentFormat format = formats.forNode(registration, path, options.format());
    CoapRequest request = request(registration, CoapMethod.GET, path).withAccept(format.code());
    return exchange(registration, request, options).thenApply(response -> decode(registration, path, response, format));
  }

  /** Write: replaces or partially updates the node at {@code path} with {@code node}. */
  public CompletableFuture<Void> write(Registration registration, LwM2mPath path, LwM2mNode node, WriteMode mode,
      RequestOptions options) {
    return attempt(registration, "write", Optional.of(path), current -> writeNow(current, path, node, mode, options));
  }

  private CompletableFuture<Void> writeNow(Registration registration, LwM2mPath path, LwM2mNode node, WriteMode mode,
      RequestOptions options) {
    if (path.isRoot() || path.isObject()) {
      throw new InvalidRequestException("Write targets an instance, a resource or a resource instance, not " + describe(path));
    }
    ContentFormat format = formats.forNode(registration, path, options.format());
    byte[] payload = encode(registration, format, node, path);
    CoapMethod method = mode == WriteMode.REPLACE ? CoapMethod.PUT : CoapMethod.POST;
    return exchange(registration, request(registration, method, path).withPayload(format.code(), payload), options).thenApply(response -> null);
  }

  /**
   * Create: a new instance of {@code objectId} holding {@code instance}'s resources, with the
   * instance id {@code instance} carries. Completes with the new instance's path.
   */
  public CompletableFuture<LwM2mPath> create(Registration registration, int objectId, LwM2mObjectInstance instance,
      RequestOptions options) {
    return attempt(registration, "create", Optional.of(LwM2mPath.of(objectId)), current -> createNow(current, objectId, instance, options));
  }

  private CompletableFuture<LwM2mPath> createNow(Registration registration, int objectId, LwM2mObjectInstance instance,
      RequestOptions options) {
    LwM2mPath objectPath = LwM2mPath.of(objectId);
    ContentFormat format = formats.forNode(registration, objectPath, options.format());
    byte[] payload = encode(registration, format, new LwM2mObject(objectId, List.of(instance)), objectPath);
    return exchange(registration, request(registration, CoapMethod.POST, objectPath).withPayload(format.code(), payload), options)
        .thenApply(response -> createdPath(registration, objectId, response).orElse(LwM2mPath.of(objectId, instance.id())));
  }

  /**
   * Create where the client chooses the instance id: {@code instance}'s id is ignored and its
   * resources are sent bare (TLV or LwM2M CBOR only). Completes with the path the client chose,
   * from the response's Location-Path.
   */
  public CompletableFuture<LwM2mPath> createChoosingId(Registration registration, int objectId,
      LwM2mObjectInstance instance, RequestOptions options) {
    return attempt(registration, "create", Optional.of(LwM2mPath.of(objectId)), current -> createChoosingIdNow(current, objectId, instance, options));
  }

  private CompletableFuture<LwM2mPath> createChoosingIdNow(Registration registration, int objectId,
      LwM2mObjectInstance instance, RequestOptions options) {
    ContentFormat format = options.format().orElse(ContentFormat.TLV);
    if (format != ContentFormat.TLV && format != ContentFormat.LWM2M_CBOR) {
      throw new InvalidRequestException("a Create without instance id needs tlv or lwm2m-cbor, not " + format.shortName());
    }
    LwM2mPath anyInstance = LwM2mPath.of(objectId, 0);
    byte[] payload = encode(registration, format, new LwM2mObjectInstance(0, instance.resources()), anyInstance);
    return exchange(registration, request(registration, CoapMethod.POST, LwM2mPath.of(objectId)).withPayload(format.code(), payload), options)
        .thenApply(response -> createdPath(registration, objectId, response).orElseThrow(
            () -> new InvalidRequestException("the client created an instance of /" + objectId + " but did not say which (no Location-Path)")));
  }

  /** Delete: an object instance, or (1.2) a resource instance. */
  public CompletableFuture<Void> delete(Registration registration, LwM2mPath path, RequestOptions options) {
    return attempt(registration, "delete", Optional.of(path), current -> deleteNow(current, path, options));
  }

  private CompletableFuture<Void> deleteNow(Registration registration, LwM2mPath path, RequestOptions options) {
    if (!path.isObjectInstance() && !path.isResourceInstance()) {
      throw new InvalidRequestException("Delete targets an object instance or a resource instance, not " + describe(path));
    }
    return exchange(registration, request(registration, CoapMethod.DELETE, path), options).thenApply(response -> null);
  }

  /** Execute: runs the resource at {@code path} with {@code arguments} (may be empty). */
  public CompletableFuture<Void> execute(Registration registration, LwM2mPath path, String arguments, RequestOptions options) {
    return attempt(registration, "execute", Optional.of(path), current -> executeNow(current, path, arguments, options));
  }

  private CompletableFuture<Void> executeNow(Registration registration, LwM2mPath path, String arguments, RequestOptions options) {
    if (!path.isResource()) {
      throw new InvalidRequestException("Execute targets a resource, not " + describe(path));
    }
    CoapRequest request = request(registration, CoapMethod.POST, path);
    if (!arguments.isEmpty()) {
      request = request.withPayload(ContentFormat.TEXT.code(), arguments.getBytes(StandardCharsets.UTF_8));
    }
    return exchange(registration, request, options).thenApply(response -> null);
  }

  /** Discover: the links (with attributes) the client reports under {@code path}. */
  public CompletableFuture<List<Link>> discover(Registration registration, LwM2mPath path, RequestOptions options) {
    return attempt(registration, "discover", Optional.of(path), current -> discoverNow(current, path, options));
  }

  private CompletableFuture<List<Link>> discoverNow(Registration registration, LwM2mPath path, RequestOptions options) {
    requireNotRoot(path, "Discover");
    CoapRequest request = request(registration, CoapMethod.GET, path).withAccept(ContentFormat.LINK.code());
    return exchange(registration, request, options).thenApply(response -> {
      try {
        return LinkFormatParser.parse(response.payload());
      } catch (RuntimeException e) {
        throw new InvalidRequestException("the client's Discover answer is not valid link format: " + e.getMessage(), e);
      }
    });
  }

  /**
   * Write-Attributes: sets ({@code pmin=10}) or unsets ({@code pmin}) notification attributes at
   * {@code path}; {@code attributes} are Uri-Query options as they go on the wire.
   */
  public CompletableFuture<Void> writeAttributes(Registration registration, LwM2mPath path, List<String> attributes,
      RequestOptions options) {
    return attempt(registration, "write-attributes", Optional.of(path), current -> writeAttributesNow(current, path, attributes, options));
  }

  private CompletableFuture<Void> writeAttributesNow(Registration registration, LwM2mPath path, List<String> attributes,
      RequestOptions options) {
    requireNotRoot(path, "Write-Attributes");
    if (attributes.isEmpty()) {
      throw new InvalidRequestException("Write-Attributes needs at least one attribute, e.g. pmin=10");
    }
    return exchange(registration, request(registration, CoapMethod.PUT, path).withQuery(attributes), options).thenApply(response -> null);
  }

  /**
   * Read-Composite (1.1): the nodes at several paths in one exchange, keyed by requested path.
   * Refused, with nothing sent, for a client registered with 1.0 ({@link UnsupportedByClientVersionException}).
   */
  public CompletableFuture<Map<LwM2mPath, LwM2mNode>> readComposite(Registration registration, List<LwM2mPath> paths,
      RequestOptions options) {
    if (registration.lwm2mVersion().compareTo(Version.V1_1) < 0) {
      return CompletableFuture.failedFuture(new UnsupportedByClientVersionException(registration, "Read-Composite", Version.V1_1, ""));
    }
    return attempt(registration, "read-composite", Optional.empty(), current -> readCompositeNow(current, paths, options));
  }

  private CompletableFuture<Map<LwM2mPath, LwM2mNode>> readCompositeNow(Registration registration, List<LwM2mPath> paths,
      RequestOptions options) {
    if (paths.isEmpty()) {
      throw new InvalidRequestException("Read-Composite needs at least one path");
    }
    ContentFormat format = formats.forComposite(registration, options.format());
    CompositeCodec codec = codecs.composite(format).orElseThrow();
    CoapRequest request = request(registration, CoapMethod.FETCH, LwM2mPath.ROOT)
        .withPayload(format.code(), codec.encodePaths(paths)).withAccept(format.code());
    return exchange(registration, request, options).thenApply(response -> decodeComposite(registration, paths, response, format));
  }

  /**
   * Write-Composite (1.1): writes values at several paths atomically, as a partial update.
   * Refused, with nothing sent, for a client registered with 1.0 ({@link UnsupportedByClientVersionException}).
   */
  public CompletableFuture<Void> writeComposite(Registration registration, Map<LwM2mPath, LwM2mNode> nodes,
      RequestOptions options) {
    if (registration.lwm2mVersion().compareTo(Version.V1_1) < 0) {
      return CompletableFuture.failedFuture(new UnsupportedByClientVersionException(registration, "Write-Composite", Version.V1_1, ""));
    }
    return attempt(registration, "write-composite", Optional.empty(), current -> writeCompositeNow(current, nodes, options));
  }

  private CompletableFuture<Void> writeCompositeNow(Registration registration, Map<LwM2mPath, LwM2mNode> nodes,
      RequestOptions options) {
    if (nodes.isEmpty()) {
      throw new InvalidRequestException("Write-Composite needs at least one value");
    }
    for (LwM2mPath path : nodes.keySet()) {
      if (!path.isResource() && !path.isResourceInstance()) {
        throw new InvalidRequestException("Write-Composite writes resources or resource instances, not " + describe(path));
      }
    }
    ContentFormat format = formats.forComposite(registration, options.format());
    CompositeCodec codec = codecs.composite(format).orElseThrow();
    byte[] payload;
    try {
      payload = codec.encodeNodes(nodes, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException("cannot encode the values as " + format.shortName() + ": " + e.getMessage(), e);
    }
    return exchange(registration, request(registration, CoapMethod.IPATCH, LwM2mPath.ROOT).withPayload(format.code(), payload), options)
        .thenApply(response -> null);
  }

  /** The models to type {@code registration}'s values with: the object versions it announced. */
  public ModelLookup modelsOf(Registration registration) {
    return models.forVersions(registration.objectLinks().objectVersions());
  }

  /** The format a node at {@code path} travels in for {@code registration}, given {@code options}. */
  public ContentFormat formatFor(Registration registration, LwM2mPath path, RequestOptions options) {
    return formats.forNode(registration, path, options.format());
  }

  /** The format a composite payload travels in for {@code registration}, given {@code options}. */
  public ContentFormat compositeFormatFor(Registration registration, RequestOptions options) {
    return formats.forComposite(registration, options.format());
  }

  /** A request to {@code path} on {@code registration}, under its alternate root path if it has one. */
  public CoapRequest request(Registration registration, CoapMethod method, LwM2mPath path) {
    List<String> segments = new ArrayList<>();
    for (String segment : registration.objectLinks().rootPath().split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    for (int id : path.ids()) {
      segments.add(Integer.toString(id));
    }
    return CoapRequest.to(registration.address(), method, segments);
  }

  /** How long to wait for an answer under {@code options}. */
  public Duration timeout(RequestOptions options) {
    return options.timeout().orElse(defaultTimeout);
  }

  /** Decodes a node answer: in the format the response names, else the one asked for. */
  public LwM2mNode decode(Registration registration, LwM2mPath path, CoapResponse response, ContentFormat asked) {
    ContentFormat format = responseFormat(response, asked);
    try {
      return codecs.decode(format, response.payload(), path, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException(registration.endpoint() + " answered " + path + " with a payload that does not decode as "
          + format.shortName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes a composite answer, keyed by the requested paths. */
  public Map<LwM2mPath, LwM2mNode> decodeComposite(Registration registration, List<LwM2mPath> paths, CoapResponse response,
      ContentFormat asked) {
    ContentFormat format = responseFormat(response, asked);
    CompositeCodec codec = codecs.composite(format).orElseThrow(() -> new InvalidRequestException(
        registration.endpoint() + " answered a composite request in " + format.shortName() + ", which cannot carry one"));
    try {
      return codec.decodeNodes(response.payload(), paths, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException(registration.endpoint() + " answered with a payload that does not decode as "
          + format.shortName() + ": " + e.getMessage(), e);
    }
  }

  private static ContentFormat responseFormat(CoapResponse response, ContentFormat asked) {
    if (response.contentFormat().isEmpty()) {
      return asked;
    }
    int code = response.contentFormat().getAsInt();
    return ContentFormat.fromCode(code)
        .orElseThrow(() -> new InvalidRequestException("the client answered in unknown content format " + code));
  }

  private byte[] encode(Registration registration, ContentFormat format, LwM2mNode node, LwM2mPath path) {
    try {
      return codecs.encode(format, node, path, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException("cannot encode the value for " + path + " as " + format.shortName() + ": " + e.getMessage(), e);
    }
  }

  private static Optional<LwM2mPath> createdPath(Registration registration, int objectId, CoapResponse response) {
    List<String> location = response.locationPath();
    if (location.isEmpty()) {
      return Optional.empty();
    }
    try {
      int instance = Integer.parseInt(location.get(location.size() - 1));
      return Optional.of(LwM2mPath.of(objectId, instance));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(registration.endpoint() + " answered Create with an invalid Location-Path " + location);
    }
  }

  /** Sends to {@code registration}'s client and turns an error answer into its typed exception. */
  public CompletableFuture<CoapResponse> exchange(Registration registration, CoapRequest request, RequestOptions options) {
    return endpointFor(registration).send(request, timeout(options)).thenApply(DeviceService::requireSuccess);
  }

  /** The endpoint {@code registration}'s client is reached through. */
  public CoapEndpoint endpointFor(Registration registration) {
    return endpoints.endpointFor(registration);
  }

  /** The response if it is a success; else the exception for its code, with the device's diagnostic. */
  public static CoapResponse requireSuccess(CoapResponse response) {
    if (response.code().isSuccess()) {
      return response;
    }
    String diagnostic = new String(response.payload(), StandardCharsets.UTF_8);
    throw LwM2mException.forCode(response.code(), diagnostic.isEmpty() ? "the client answered " + response.code() : diagnostic);
  }

  /** Runs {@code body}, turning a failure before anything was sent into a failed future, as callers expect. */
  private <T> CompletableFuture<T> attempt(Registration registration, String operation, Optional<LwM2mPath> path,
      java.util.function.Function<Registration, CompletableFuture<T>> body) {
    if (queue != null && !presence.isAwake(registration)) {
      try {
        QueuedRequest queued = queue.enqueue(registration, operation, path.map(LwM2mPath::toString),
            current -> attempt(current, operation, Optional.empty(), body));
        return CompletableFuture.failedFuture(new RequestQueuedException(queued));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    long start = System.nanoTime();
    CompletableFuture<T> result;
    try {
      result = body.apply(registration);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    if (observers.isEmpty()) {
      return result;
    }
    return result.whenComplete((value, failure) -> {
      String outcome = outcome(failure);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      for (RequestObserver observer : observers) {
        observer.completed(registration, operation, outcome, elapsed);
      }
    });
  }

  /** {@code 2.xx} for success, the device's error code, or timeout / invalid / error. */
  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "success";
    }
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "timeout";
    }
    if (cause instanceof RequestQueuedException) {
      return "queued";
    }
    if (cause instanceof LwM2mException lwm2m) {
      return lwm2m.code().toString();
    }
    return "error";
  }

  private static void requireNotRoot(LwM2mPath path, String operation) {
    if (path.isRoot()) {
      throw new InvalidRequestException(operation + " needs an object, instance or resource path, not /");
    }
  }

  private static String describe(LwM2mPath path) {
    return path.isRoot() ? "/" : path.toString();
  }
}
