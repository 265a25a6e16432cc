package org.lwm2m4j.client.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.client.security.SmsSecurityMode;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The client's side of the Bootstrap interface: what it does when its Bootstrap-Server sends
 * Bootstrap-Discover, -Read (objects 1 and 2 only), -Write (creating the instances it names or
 * writes a resource of, no access control), -Delete (never of the Device instance nor of the
 * Bootstrap-Server account itself) and -Finish (2.04 when at least one LwM2M Server account is
 * complete, else 4.06 and the session goes on).
 */
public final class BootstrapRequestHandler implements CoapHandler {
  /** What the handler reports to whoever runs the bootstrap session. */
  public interface Session {
    /** A bootstrap command arrived (starts a server-initiated session if none runs). */
    void commandReceived();

    /** Bootstrap-Finish arrived and the configuration is consistent. */
    void finished();
  }

  private final ObjectTree tree;
  private final Session session;
  private final NodeCodecs codecs = NodeCodecs.standard();

  public BootstrapRequestHandler(ObjectTree tree, Session session) {
    this.tree = tree;
    this.session = session;
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    session.commandReceived();
    LwM2mPath path = path(request.path());
    boolean finish = request.path().size() == 1 && request.path().get(0).equals("bs");
    if (finish) {
      if (request.method() != CoapMethod.POST) {
        throw new MethodNotAllowedException("Bootstrap-Finish is POST /bs");
      }
      return CompletableFuture.completedFuture(finish());
    }
    switch (request.method()) {
      case GET:
        if (request.accept().isPresent() && request.accept().getAsInt() == ContentFormat.LINK.code()) {
          return CompletableFuture.completedFuture(discover(path));
        }
        return CompletableFuture.completedFuture(read(path, request));
      case PUT:
        return CompletableFuture.completedFuture(write(path, request));
      case DELETE:
        delete(path);
        return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.DELETED));
      default:
        throw new MethodNotAllowedException(request.method() + " is not a Bootstrap operation");
    }
  }

  private static LwM2mPath path(List<String> segments) {
    if (segments.size() == 1 && segments.get(0).equals("bs")) {
      return LwM2mPath.ROOT;
    }
    try {
      return LwM2mPath.parse("/" + String.join("/", segments));
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException("/" + String.join("/", segments) + " is not a bootstrap target");
    }
  }

  private CoapResponse finish() {
    if (ServerAccount.readFrom(tree).isEmpty()) {
      throw new NotAcceptableException("inconsistent configuration: no complete LwM2M Server account (Security + Server with the same SSID)");
    }
    session.finished();
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  private CoapResponse write(LwM2mPath path, CoapRequest request) {
    if (path.isRoot() || path.isResourceInstance()) {
      throw new InvalidRequestException("Bootstrap-Write targets /o, /o/i or /o/i/r, not " + (path.isRoot() ? "/" : path));
    }
    int code = request.contentFormat().orElseThrow(() -> new InvalidRequestException("Bootstrap-Write needs a Content-Format"));
    ContentFormat format = ContentFormat.fromCode(code)
        .orElseThrow(() -> new UnsupportedContentFormatException("content format " + code + " is not supported"));
    LwM2mNode node = codecs.decode(format, request.payload(), path, tree);
    SmsSecurityMode.checkWrite(path, node);
    tree.bootstrapView().write(path, node, true);
    return CoapResponse.of(ResponseCode.CHANGED);
  }

  /**
   * Bootstrap-Delete never removes the Device instance nor the Bootstrap-Server account (Core
   * 1.2, Bootstrap-Delete): {@code /} and {@code /0} leave them in place, while a request that
   * names one of them ({@code /3}, {@code /3/0}, {@code /0/x} of the account) asks for exactly what
   * cannot be done and is refused with 4.00, so the Bootstrap-Server learns it was not done.
   */
  private void delete(LwM2mPath path) {
    if (path.depth() > 2) {
      throw new InvalidRequestException("Bootstrap-Delete targets /, /o or /o/i, not " + path);
    }
    if (!path.isRoot() && path.objectId() == 3) {
      throw new InvalidRequestException("Bootstrap-Delete of " + path + " is not allowed: the Device instance /3/0 is never deleted");
    }
    if (path.isObjectInstance() && path.objectId() == 0 && isBootstrapAccount(path.instanceId())) {
      throw new InvalidRequestException("Bootstrap-Delete of " + path + " is not allowed: it is this client's Bootstrap-Server account");
    }
    List<Integer> objects = path.isRoot() ? tree.objectIds() : List.of(path.objectId());
    for (int objectId : objects) {
      if (objectId == 3) {
        continue; // the Device instance is the device itself
      }
      List<Integer> instances = path.isObjectInstance() ? List.of(path.instanceId()) : tree.instanceIds(objectId);
      for (int instanceId : instances) {
        if (objectId == 0 && isBootstrapAccount(instanceId)) {
          continue; // the client keeps its Bootstrap-Server account
        }
        if (tree.instance(objectId, instanceId).isPresent()) {
          tree.bootstrapView().delete(LwM2mPath.of(objectId, instanceId));
        }
      }
    }
  }

  private boolean isBootstrapAccount(int securityInstance) {
    return tree.single(LwM2mPath.of(0, securityInstance, 1)).map(SingleResource::value)
        .filter(BooleanValue.class::isInstance).map(v -> ((BooleanValue) v).value()).orElse(false);
  }

  private CoapResponse read(LwM2mPath path, CoapRequest request) {
    if (path.isRoot() || (path.objectId() != 1 && path.objectId() != 2) || path.depth() > 2) {
      throw new MethodNotAllowedException("Bootstrap-Read is only for /1, /1/i, /2 and /2/i, not " + (path.isRoot() ? "/" : path));
    }
    LwM2mNode node = tree.bootstrapView().read(path);
    ContentFormat format = request.accept().isPresent()
        ? ContentFormat.fromCode(request.accept().getAsInt()).orElseThrow(() -> new NotAcceptableException("unknown Accept"))
        : ContentFormat.SENML_CBOR;
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(format.code()), List.of(), codecs.encode(format, node, path, tree));
  }

  /** {@code </>;lwm2m=1.1}, then each object's instances with {@code ssid}/{@code uri} on accounts, or the bare object. */
  private CoapResponse discover(LwM2mPath path) {
    if (path.depth() > 1) {
      throw new InvalidRequestException("Bootstrap-Discover targets / or /o, not " + path);
    }
    List<Link> links = new ArrayList<>();
    links.add(Link.of("/", LinkAttribute.of("lwm2m", Version.V1_1.toString())));
    List<Integer> objects = path.isRoot() ? tree.objectIds() : List.of(path.objectId());
    for (int objectId : objects) {
      if (tree.objectModel(objectId).isEmpty()) {
        throw new NotFoundException("object " + objectId + " is not implemented by this client");
      }
      List<Integer> instances = tree.instanceIds(objectId);
      if (instances.isEmpty()) {
        links.add(Link.of(LwM2mPath.of(objectId)));
      }
      for (int instanceId : instances) {
        List<LinkAttribute> attributes = new ArrayList<>();
        if (objectId == 0 && !isBootstrapAccount(instanceId)) {
          integer(LwM2mPath.of(0, instanceId, 10)).ifPresent(ssid -> attributes.add(LinkAttribute.of("ssid", Long.toString(ssid))));
          tree.single(LwM2mPath.of(0, instanceId, 0)).map(SingleResource::value).filter(StringValue.class::isInstance)
              .ifPresent(uri -> attributes.add(LinkAttribute.of("uri", ((StringValue) uri).value())));
        } else if (objectId == 1) {
          integer(LwM2mPath.of(1, instanceId, 0)).ifPresent(ssid -> attributes.add(LinkAttribute.of("ssid", Long.toString(ssid))));
        }
        links.add(Link.of(LwM2mPath.of(objectId, instanceId), attributes.toArray(new LinkAttribute[0])));
      }
    }
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.LINK.code()), List.of(),
        LinkFormatWriter.write(links).getBytes(StandardCharsets.UTF_8));
  }

  private java.util.Optional<Long> integer(LwM2mPath path) {
    return tree.single(path).map(SingleResource::value).filter(IntegerValue.class::isInstance).map(v -> ((IntegerValue) v).value());
  }
}
