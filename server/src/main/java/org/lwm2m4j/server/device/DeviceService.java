package org.lwm2m4j.server.device;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkFormatParser;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.downlink.DeviceRequest;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.downlink.RequestObserver;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The Device Management and Service Enablement interface of the server: every downlink operation
 * on a registered client, asynchronous, each with a timeout. This class only encodes and decodes
 * ({@link DeviceCodec}); every request goes out through the server's {@link DownlinkChain}, so
 * requests for a sleeping queue-mode client are queued (the future fails at once with {@link
 * org.lwm2m4j.server.queue.RequestQueuedException}) and every request is counted in the metrics.
 * Paths are LwM2M paths; the client's alternate root path (from its Register) is added on the wire.
 *
 * <p>Every future completes exceptionally with a {@link LwM2mException} of the code the device
 * answered (4.04 → {@link org.lwm2m4j.core.error.NotFoundException} …), a {@link
 * java.util.concurrent.TimeoutException} when it did not answer in time, or an {@link
 * InvalidRequestException} when the request cannot be encoded (nothing is sent or queued then) or
 * the answer cannot be decoded. Thread-safe.
 *
 * <p>The {@code …WithFormat} variants of Read, Write, Create and their composite forms also say
 * which content format travelled on the wire ({@link WireResult}).
 */
public final class DeviceService {
  private final DownlinkChain downlink;
  private final DeviceCodec codec;
  private final Duration defaultTimeout;

  /** A device API on {@code downlink}, waiting {@code defaultTimeout} for answers unless told otherwise. */
  public DeviceService(DownlinkChain downlink, DeviceCodec codec, Duration defaultTimeout) {
    this.downlink = Objects.requireNonNull(downlink, "downlink");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
  }

  /** Adds an observer of every request's outcome and latency (observations and firmware jobs too). */
  public void addObserver(RequestObserver observer) {
    downlink.addObserver(observer);
  }

  /** Read: the node at {@code path} (object, instance, resource or resource instance). */
  public CompletableFuture<LwM2mNode> read(Registration registration, LwM2mPath path, RequestOptions options) {
    return read(registration, path, options, WireResult::value);
  }

  /** Read, with the content format the device answered in. */
  public CompletableFuture<WireResult<LwM2mNode>> readWithFormat(Registration registration, LwM2mPath path, RequestOptions options) {
    return read(registration, path, options, Function.identity());
  }

  /**
   * A Read whose queued request completes with {@code result}'s value: the plain {@link #read}
   * keeps completing queued requests with the bare node, as callers of the queue expect.
   */
  private <T> CompletableFuture<T> read(Registration registration, LwM2mPath path, RequestOptions options,
      Function<WireResult<LwM2mNode>, T> result) {
    return send(registration, "read", Optional.of(path), options, current -> {
      requireNotRoot(path, "Read");
      return codec.request(current, CoapMethod.GET, path).withAccept(formatFor(current, path, options).code());
    }, (current, response) -> {
      ContentFormat asked = formatFor(current, path, options);
      return result.apply(new WireResult<>(codec.decode(current, path, response, asked), codec.answerFormat(response, asked)));
    });
  }

  /** Write: replaces or partially updates the node at {@code path} with {@code node}. */
  public CompletableFuture<Void> write(Registration registration, LwM2mPath path, LwM2mNode node, WriteMode mode,
      RequestOptions options) {
    return write(registration, path, node, mode, options, DeviceService::nothing);
  }

  /** Write, completing with the content format the value was sent in. */
  public CompletableFuture<ContentFormat> writeWithFormat(Registration registration, LwM2mPath path, LwM2mNode node, WriteMode mode,
      RequestOptions options) {
    return write(registration, path, node, mode, options, (current, response) -> formatFor(current, path, options));
  }

  private <T> CompletableFuture<T> write(Registration registration, LwM2mPath path, LwM2mNode node, WriteMode mode,
      RequestOptions options, BiFunction<Registration, CoapResponse, T> answer) {
    return send(registration, "write", Optional.of(path), options, current -> {
      if (path.isRoot() || path.isObject()) {
        throw new InvalidRequestException("Write targets an instance, a resource or a resource instance, not " + describe(path));
      }
      ContentFormat format = formatFor(current, path, options);
      CoapMethod method = mode == WriteMode.REPLACE ? CoapMethod.PUT : CoapMethod.POST;
      return codec.request(current, method, path).withPayload(format.code(), codec.encode(current, format, node, path));
    }, answer);
  }

  /**
   * Create: a new instance of {@code objectId} holding {@code instance}'s resources, with the
   * instance id {@code instance} carries. Completes with the new instance's path.
   */
  public CompletableFuture<LwM2mPath> create(Registration registration, int objectId, LwM2mObjectInstance instance,
      RequestOptions options) {
    return create(registration, objectId, instance, options, WireResult::value);
  }

  /** Create, with the content format the instance was sent in. */
  public CompletableFuture<WireResult<LwM2mPath>> createWithFormat(Registration registration, int objectId,
      LwM2mObjectInstance instance, RequestOptions options) {
    return create(registration, objectId, instance, options, Function.identity());
  }

  private <T> CompletableFuture<T> create(Registration registration, int objectId, LwM2mObjectInstance instance,
      RequestOptions options, Function<WireResult<LwM2mPath>, T> result) {
    LwM2mPath objectPath = LwM2mPath.of(objectId);
    return send(registration, "create", Optional.of(objectPath), options, current -> {
      ContentFormat format = formatFor(current, objectPath, options);
      byte[] payload = codec.encode(current, format, new LwM2mObject(objectId, List.of(instance)), objectPath);
      return codec.request(current, CoapMethod.POST, objectPath).withPayload(format.code(), payload);
    }, (current, response) -> result.apply(new WireResult<>(
        createdPath(current, objectId, response).orElse(LwM2mPath.of(objectId, instance.id())), formatFor(current, objectPath, options))));
  }

  /**
   * Create where the client chooses the instance id: {@code instance}'s id is ignored and its
   * resources are sent bare (TLV or LwM2M CBOR only). Completes with the path the client chose,
   * from the response's Location-Path.
   */
  public CompletableFuture<LwM2mPath> createChoosingId(Registration registration, int objectId,
      LwM2mObjectInstance instance, RequestOptions options) {
    return send(registration, "create", Optional.of(LwM2mPath.of(objectId)), options, current -> {
      ContentFormat format = options.format().orElse(ContentFormat.TLV);
      if (format != ContentFormat.TLV && format != ContentFormat.LWM2M_CBOR) {
        throw new InvalidRequestException("a Create without instance id needs tlv or lwm2m-cbor, not " + format.shortName());
      }
      byte[] payload = codec.encode(current, format, new LwM2mObjectInstance(0, instance.resources()), LwM2mPath.of(objectId, 0));
      return codec.request(current, CoapMethod.POST, LwM2mPath.of(objectId)).withPayload(format.code(), payload);
    }, (current, response) -> createdPath(current, objectId, response).orElseThrow(
        () -> new InvalidRequestException("the client created an instance of /" + objectId + " but did not say which (no Location-Path)")));
  }

  /** Delete: an object instance, or (1.2) a resource instance. */
  public CompletableFuture<Void> delete(Registration registration, LwM2mPath path, RequestOptions options) {
    return send(registration, "delete", Optional.of(path), options, current -> {
      if (!path.isObjectInstance() && !path.isResourceInstance()) {
        throw new InvalidRequestException("Delete targets an object instance or a resource instance, not " + describe(path));
      }
      return codec.request(current, CoapMethod.DELETE, path);
    }, DeviceService::nothing);
  }

  /** Execute: runs the resource at {@code path} with {@code arguments} (may be empty). */
  public CompletableFuture<Void> execute(Registration registration, LwM2mPath path, String arguments, RequestOptions options) {
    return send(registration, "execute", Optional.of(path), options, current -> {
      if (!path.isResource()) {
        throw new InvalidRequestException("Execute targets a resource, not " + describe(path));
      }
      CoapRequest request = codec.request(current, CoapMethod.POST, path);
      return arguments.isEmpty() ? request : request.withPayload(ContentFormat.TEXT.code(), arguments.getBytes(StandardCharsets.UTF_8));
    }, DeviceService::nothing);
  }

  /** Discover: the links (with attributes) the client reports under {@code path}. */
  public CompletableFuture<List<Link>> discover(Registration registration, LwM2mPath path, RequestOptions options) {
    return send(registration, "discover", Optional.of(path), options, current -> {
      requireNotRoot(path, "Discover");
      return codec.request(current, CoapMethod.GET, path).withAccept(ContentFormat.LINK.code());
    }, (current, response) -> {
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
    return send(registration, "write-attributes", Optional.of(path), options, current -> {
      requireNotRoot(path, "Write-Attributes");
      if (attributes.isEmpty()) {
        throw new InvalidRequestException("Write-Attributes needs at least one attribute, e.g. pmin=10");
      }
      return codec.request(current, CoapMethod.PUT, path).withQuery(attributes);
    }, DeviceService::nothing);
  }

  /**
   * Read-Composite (1.1): the nodes at several paths in one exchange, keyed by requested path.
   * Refused, with nothing sent, for a client registered with 1.0 ({@link UnsupportedByClientVersionException}).
   */
  public CompletableFuture<Map<LwM2mPath, LwM2mNode>> readComposite(Registration registration, List<LwM2mPath> paths,
      RequestOptions options) {
    return readComposite(registration, paths, options, WireResult::value);
  }

  /** Read-Composite, with the content format the device answered in. */
  public CompletableFuture<WireResult<Map<LwM2mPath, LwM2mNode>>> readCompositeWithFormat(Registration registration,
      List<LwM2mPath> paths, RequestOptions options) {
    return readComposite(registration, paths, options, Function.identity());
  }

  private <T> CompletableFuture<T> readComposite(Registration registration, List<LwM2mPath> paths, RequestOptions options,
      Function<WireResult<Map<LwM2mPath, LwM2mNode>>, T> result) {
    if (registration.lwm2mVersion().compareTo(Version.V1_1) < 0) {
      return CompletableFuture.failedFuture(new UnsupportedByClientVersionException(registration, "Read-Composite", Version.V1_1, ""));
    }
    return send(registration, "read-composite", Optional.empty(), options, current -> {
      if (paths.isEmpty()) {
        throw new InvalidRequestException("Read-Composite needs at least one path");
      }
      ContentFormat format = codec.compositeFormatFor(current, options.format());
      return codec.request(current, CoapMethod.FETCH, LwM2mPath.ROOT)
          .withPayload(format.code(), codec.encodePaths(format, paths)).withAccept(format.code());
    }, (current, response) -> {
      ContentFormat asked = codec.compositeFormatFor(current, options.format());
      return result.apply(new WireResult<>(codec.decodeComposite(current, paths, response, asked), codec.answerFormat(response, asked)));
    });
  }

  /**
   * Write-Composite (1.1): writes values at several paths atomically, as a partial update.
   * Refused, with nothing sent, for a client registered with 1.0 ({@link UnsupportedByClientVersionException}).
   */
  public CompletableFuture<Void> writeComposite(Registration registration, Map<LwM2mPath, LwM2mNode> nodes,
      RequestOptions options) {
    return writeComposite(registration, nodes, options, DeviceService::nothing);
  }

  /** Write-Composite, completing with the content format the values were sent in. */
  public CompletableFuture<ContentFormat> writeCompositeWithFormat(Registration registration, Map<LwM2mPath, LwM2mNode> nodes,
      RequestOptions options) {
    return writeComposite(registration, nodes, options, (current, response) -> codec.compositeFormatFor(current, options.format()));
  }

  private <T> CompletableFuture<T> writeComposite(Registration registration, Map<LwM2mPath, LwM2mNode> nodes,
      RequestOptions options, BiFunction<Registration, CoapResponse, T> answer) {
    if (registration.lwm2mVersion().compareTo(Version.V1_1) < 0) {
      return CompletableFuture.failedFuture(new UnsupportedByClientVersionException(registration, "Write-Composite", Version.V1_1, ""));
    }
    return send(registration, "write-composite", Optional.empty(), options, current -> {
      if (nodes.isEmpty()) {
        throw new InvalidRequestException("Write-Composite needs at least one value");
      }
      for (LwM2mPath path : nodes.keySet()) {
        if (!path.isResource() && !path.isResourceInstance()) {
          throw new InvalidRequestException("Write-Composite writes resources or resource instances, not " + describe(path));
        }
      }
      ContentFormat format = codec.compositeFormatFor(current, options.format());
      return codec.request(current, CoapMethod.IPATCH, LwM2mPath.ROOT).withPayload(format.code(), codec.encodeNodes(current, format, nodes));
    }, answer);
  }

  /**
   * Sends a request built by the caller — for tests and tools that need a message the operations
   * above do not make — through the same chain; completes with a success answer as it came.
   */
  public CompletableFuture<CoapResponse> exchange(Registration registration, CoapRequest request, RequestOptions options) {
    return send(registration, "exchange", Optional.empty(), options, current -> request, (current, response) -> response);
  }

  /** The models to type {@code registration}'s values with: the object versions it announced. */
  public ModelLookup modelsOf(Registration registration) {
    return codec.modelsOf(registration);
  }

  /** A request to {@code path} on {@code registration}, under its alternate root path if it has one. */
  public CoapRequest request(Registration registration, CoapMethod method, LwM2mPath path) {
    return codec.request(registration, method, path);
  }

  /**
   * Builds the request for {@code registration} now — so a request that cannot be encoded fails
   * at once, and is neither sent nor queued — and hands it to the chain. A queued request is built
   * again for the registration as it is when it goes out.
   */
  private <T> CompletableFuture<T> send(Registration registration, String operation, Optional<LwM2mPath> path,
      RequestOptions options, Function<Registration, CoapRequest> message, BiFunction<Registration, CoapResponse, T> answer) {
    CoapRequest first;
    try {
      first = message.apply(registration);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Function<Registration, CoapRequest> build = current -> current == registration ? first : message.apply(current);
    return downlink.send(DeviceRequest.of(registration, operation, path, build, answer, options.timeout().orElse(defaultTimeout)));
  }

  private ContentFormat formatFor(Registration registration, LwM2mPath path, RequestOptions options) {
    return codec.formatFor(registration, path, options.format());
  }

  private static Void nothing(Registration registration, CoapResponse response) {
    return null;
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

  private static void requireNotRoot(LwM2mPath path, String operation) {
    if (path.isRoot()) {
      throw new InvalidRequestException(operation + " needs an object, instance or resource path, not /");
    }
  }

  private static String describe(LwM2mPath path) {
    return path.isRoot() ? "/" : path.toString();
  }
}
