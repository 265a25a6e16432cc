package org.lwm2m4j.server.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * How the server speaks to one registered client on the wire: requests under its alternate root
 * path, payloads in the format {@link ContentFormatPolicy} picks for it (unless the caller asks for
 * one), typed with the object versions it announced; answers decoded in the format they name.
 * Shared by the device API and observations. Thread-safe.
 */
public final class DeviceCodec {
  private final ObjectModelRegistry models;
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final ContentFormatPolicy formats = new ContentFormatPolicy(codecs);

  public DeviceCodec(ObjectModelRegistry models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /** The models to type {@code registration}'s values with: the object versions it announced. */
  public ModelLookup modelsOf(Registration registration) {
    return models.forVersions(registration.objectLinks().objectVersions());
  }

  /** The format a node at {@code path} travels in for {@code registration}, or the one asked for. */
  public ContentFormat formatFor(Registration registration, LwM2mPath path, Optional<ContentFormat> asked) {
    return formats.forNode(registration, path, asked);
  }

  /** The format a composite payload travels in for {@code registration}, or the one asked for. */
  public ContentFormat compositeFormatFor(Registration registration, Optional<ContentFormat> asked) {
    return formats.forComposite(registration, asked);
  }

  /** A request to {@code path} on {@code registration}, under its alternate root path if it has one. */
  public CoapRequest request(Registration registration, CoapMethod method, LwM2mPath path) {
    int[] ids = path.ids();
    List<String> segments = new ArrayList<>(ids.length + 1);
    String rootPath = registration.objectLinks().rootPath();
    // Nearly every client has the root path "/" or none: no need to split it for every request.
    if (!rootPath.isEmpty() && !rootPath.equals("/")) {
      for (String segment : rootPath.split("/")) {
        if (!segment.isEmpty()) {
          segments.add(segment);
        }
      }
    }
    for (int id : ids) {
      segments.add(Integer.toString(id));
    }
    return CoapRequest.to(registration.address(), method, segments);
  }

  /** {@code node} at {@code path} in {@code format}. */
  public byte[] encode(Registration registration, ContentFormat format, LwM2mNode node, LwM2mPath path) {
    try {
      return codecs.encode(format, node, path, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException("cannot encode the value for " + path + " as " + format.shortName() + ": " + e.getMessage(), e);
    }
  }

  /** The paths of a composite request (Read-, Observe-Composite) in {@code format}. */
  public byte[] encodePaths(ContentFormat format, List<LwM2mPath> paths) {
    return composite(format).encodePaths(paths);
  }

  /** Values at several paths (Write-Composite) in {@code format}. */
  public byte[] encodeNodes(Registration registration, ContentFormat format, Map<LwM2mPath, LwM2mNode> nodes) {
    try {
      return composite(format).encodeNodes(nodes, modelsOf(registration));
    } catch (CodecException e) {
      throw new InvalidRequestException("cannot encode the values as " + format.shortName() + ": " + e.getMessage(), e);
    }
  }

  private CompositeCodec composite(ContentFormat format) {
    return codecs.composite(format).orElseThrow(() -> new InvalidRequestException(format.shortName() + " cannot carry a composite request"));
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

  /**
   * The format an answer travelled in: the one its Content-Format option names, else the one
   * asked for (a device may leave the option out when it answers in the format asked).
   */
  public ContentFormat answerFormat(CoapResponse response, ContentFormat asked) {
    return responseFormat(response, asked);
  }

  private static ContentFormat responseFormat(CoapResponse response, ContentFormat asked) {
    if (response.contentFormat().isEmpty()) {
      return asked;
    }
    int code = response.contentFormat().getAsInt();
    return ContentFormat.fromCode(code)
        .orElseThrow(() -> new InvalidRequestException("the client answered in unknown content format " + code));
  }
}
