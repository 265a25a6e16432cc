package org.lwm2m4j.client.dm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Turns a server's CoAP request into the DM operation it asks for: GET is Read, Discover (Accept
 * link-format) or Observe; PUT is Write (replace) or Write-Attributes (a query and no payload);
 * POST is Create on an object, Execute on an executable resource, else a partial Write; DELETE;
 * FETCH / is Read- or Observe-Composite and iPATCH / Write-Composite, their payloads decoded here
 * so that access control can judge each target. What is not a LwM2M request fails here: 4.04 for
 * a path that is none, 4.05 for a method or target no operation has, 4.00 / 4.15 for a composite
 * payload that does not decode.
 */
final class DmRequestParser implements Filter<ServerRequest, DmRequest> {
  private final ObjectTree tree;
  private final NodeCodecs codecs = NodeCodecs.standard();

  DmRequestParser(ObjectTree tree) {
    this.tree = tree;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(ServerRequest request, Service<DmRequest> next) {
    return next.handle(parse(request));
  }

  DmRequest parse(ServerRequest request) {
    CoapRequest coap = request.coap();
    LwM2mPath path = path(coap.path());
    switch (coap.method()) {
      case GET:
        if (coap.accept().isPresent() && coap.accept().getAsInt() == ContentFormat.LINK.code()) {
          return DmRequest.of(request, DmOperation.DISCOVER, path);
        }
        return DmRequest.of(request, request.relation().isPresent() ? DmOperation.OBSERVE : DmOperation.READ, path);
      case PUT:
        boolean attributes = coap.payload().length == 0 && coap.contentFormat().isEmpty();
        return DmRequest.of(request, attributes ? DmOperation.WRITE_ATTRIBUTES : DmOperation.WRITE_REPLACE, path);
      case POST:
        return DmRequest.of(request, post(path, coap), path);
      case DELETE:
        return DmRequest.of(request, DmOperation.DELETE, path);
      case FETCH:
        DmOperation composite = request.relation().isPresent() ? DmOperation.OBSERVE_COMPOSITE : DmOperation.READ_COMPOSITE;
        return DmRequest.of(request, composite, path).withTargets(compositePaths(path, coap));
      case IPATCH:
        return DmRequest.of(request, DmOperation.WRITE_COMPOSITE, path).withValues(compositeValues(path, coap));
      default:
        throw new MethodNotAllowedException(coap.method() + " is not a LwM2M operation");
    }
  }

  static LwM2mPath path(List<String> segments) {
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

  private DmOperation post(LwM2mPath path, CoapRequest coap) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("POST / is not a LwM2M operation");
    }
    if (path.isObject()) {
      return DmOperation.CREATE;
    }
    if (path.isResource()) {
      Optional<ResourceModel> model = tree.objectModel(path.objectId()).flatMap(m -> m.resource(path.resourceId()));
      if (model.isPresent() && model.get().operations().isExecutable()) {
        if (coap.contentFormat().isPresent() && coap.contentFormat().getAsInt() != ContentFormat.TEXT.code()) {
          throw new UnsupportedContentFormatException("Execute arguments are text/plain, not content format " + coap.contentFormat().getAsInt());
        }
        return DmOperation.EXECUTE;
      }
      if (model.isPresent() && !model.get().multiple()) {
        tree.dmView().read(path);
        throw new MethodNotAllowedException(path + " is neither executable nor a multiple resource; write it with PUT");
      }
    }
    return DmOperation.WRITE_UPDATE;
  }

  private List<LwM2mPath> compositePaths(LwM2mPath path, CoapRequest coap) {
    if (!path.isRoot()) {
      throw new MethodNotAllowedException("composite operations target /, not " + path);
    }
    return PayloadFormats.composite(codecs, PayloadFormats.of(coap)).decodePaths(coap.payload());
  }

  private Map<LwM2mPath, LwM2mNode> compositeValues(LwM2mPath path, CoapRequest coap) {
    if (!path.isRoot()) {
      throw new MethodNotAllowedException("Write-Composite targets /, not " + path);
    }
    return PayloadFormats.composite(codecs, PayloadFormats.of(coap)).decodeNodes(coap.payload(), List.of(), tree);
  }
}
