package org.lwm2m4j.server.device;

import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.registration.Registration;

/**
 * Picks the content format of a downlink payload for one client: the caller's override if any,
 * else the first of SenML CBOR, SenML JSON, LwM2M CBOR, TLV that the client announced (the {@code
 * ct} of its root link), else TLV for a 1.0 client and SenML CBOR → SenML JSON → TLV for later
 * ones — the fallback order data-formats.md gives.
 */
final class ContentFormatPolicy {
  private static final List<ContentFormat> PREFERRED =
      List.of(ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON, ContentFormat.LWM2M_CBOR, ContentFormat.TLV);
  private static final List<ContentFormat> COMPOSITE = List.of(ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON, ContentFormat.LWM2M_CBOR);

  private final NodeCodecs codecs;

  ContentFormatPolicy(NodeCodecs codecs) {
    this.codecs = codecs;
  }

  /** The format for a node at {@code path} of {@code registration}. */
  ContentFormat forNode(Registration registration, LwM2mPath path, Optional<ContentFormat> override) {
    if (override.isPresent()) {
      ContentFormat format = override.get();
      if (!codecs.supports(format, path)) {
        throw new InvalidRequestException(format.shortName() + " cannot carry " + (path.isRoot() ? "/" : path)
            + "; choose one of tlv, senml-json, senml-cbor, lwm2m-cbor");
      }
      return format;
    }
    List<ContentFormat> announced = registration.objectLinks().contentFormats();
    for (ContentFormat format : PREFERRED) {
      if (announced.contains(format) && codecs.supports(format, path)) {
        return format;
      }
    }
    if (registration.lwm2mVersion().compareTo(Version.V1_1) < 0) {
      return ContentFormat.TLV;
    }
    return ContentFormat.SENML_CBOR;
  }

  /** The format for a composite payload (Read-/Write-/Observe-Composite). */
  ContentFormat forComposite(Registration registration, Optional<ContentFormat> override) {
    if (override.isPresent()) {
      if (codecs.composite(override.get()).isEmpty()) {
        throw new InvalidRequestException(override.get().shortName() + " cannot carry a composite request; use senml-json, senml-cbor or lwm2m-cbor");
      }
      return override.get();
    }
    List<ContentFormat> announced = registration.objectLinks().contentFormats();
    for (ContentFormat format : COMPOSITE) {
      if (announced.contains(format)) {
        return format;
      }
    }
    return ContentFormat.SENML_CBOR;
  }
}
