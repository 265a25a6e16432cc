package org.lwm2m4j.client.dm;

import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.transport.CoapRequest;

/** The content formats of a DM request's payload: which one it is, and the composite codec for it. */
final class PayloadFormats {
  private PayloadFormats() {}

  /** The payload's Content-Format: 4.00 if absent, 4.15 if the client does not know it. */
  static ContentFormat of(CoapRequest request) {
    int code = request.contentFormat().orElseThrow(() -> new InvalidRequestException("the payload needs a Content-Format"));
    return ContentFormat.fromCode(code)
        .orElseThrow(() -> new UnsupportedContentFormatException("content format " + code + " is not supported"));
  }

  /** The codec of a composite request in {@code format}, or 4.15. */
  static CompositeCodec composite(NodeCodecs codecs, ContentFormat format) {
    return codecs.composite(format).orElseThrow(() -> new UnsupportedContentFormatException(
        format.shortName() + " cannot carry a composite request; use SenML JSON, SenML CBOR or LwM2M CBOR"));
  }
}
