package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.lwm2m4j.core.codec.ContentFormat;

/**
 * The content format a device operation used on the wire, told to the caller because the API
 * always answers in SenML JSON whatever the device spoke: the {@code LwM2M-Content-Format}
 * header ({@code tlv (11542)}: the name {@code ?format=} takes, then the CoAP number) on Read,
 * Write, Create, the composite operations and Observe, and a {@code "contentFormat"} field
 * ({@code {"name":"tlv","code":11542,"mediaType":"application/vnd.oma.lwm2m+tlv"}}) where the
 * answer is a JSON object. For a Read or Observe it is what the device answered in; for a Write
 * or Create what the server sent.
 */
final class WireFormat {
  /** The HTTP response header. */
  static final String HEADER = "LwM2M-Content-Format";
  /** The field of a JSON answer. */
  static final String FIELD = "contentFormat";

  private WireFormat() {}

  /** Sets the header on {@code ctx}'s response. */
  static void tell(Context ctx, ContentFormat format) {
    ctx.header(HEADER, headerValue(format));
  }

  static String headerValue(ContentFormat format) {
    return format.shortName() + " (" + format.code() + ")";
  }

  /** {@code json} with the {@code "contentFormat"} field. */
  static ObjectNode addTo(ObjectNode json, ContentFormat format) {
    json.putObject(FIELD).put("name", format.shortName()).put("code", format.code()).put("mediaType", format.mediaType());
    return json;
  }
}
