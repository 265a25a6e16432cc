package org.lwm2m4j.app.rest;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.RequestOptions;

/**
 * What a REST request says beyond its route: the LwM2M path in the URL, the {@code format} and
 * {@code timeout} query parameters, and the remaining query parameters as LwM2M attributes.
 */
final class RequestParameters {
  /** The wildcard route parameter holding an LwM2M path without its leading slash ({@code 3/0/1}). */
  static final String PATH = "path";

  private static final Set<String> NOT_ATTRIBUTES = Set.of("format", "timeout", "active", "token");
  private static final Set<ContentFormat> WIRE_FORMATS = Set.of(ContentFormat.TLV, ContentFormat.SENML_JSON,
      ContentFormat.SENML_CBOR, ContentFormat.JSON, ContentFormat.LWM2M_CBOR, ContentFormat.TEXT, ContentFormat.OPAQUE,
      ContentFormat.CBOR);

  private RequestParameters() {}

  /**
   * The LwM2M path in the URL.
   *
   * @throws org.lwm2m4j.core.path.InvalidPathException (400) if it is not one
   */
  static LwM2mPath path(Context ctx) {
    return LwM2mPath.parse("/" + ctx.pathParam(PATH));
  }

  /** The wire format ({@code ?format=tlv}) and the answer timeout in seconds ({@code ?timeout=5}), both optional. */
  static RequestOptions options(Context ctx) {
    RequestOptions options = RequestOptions.DEFAULTS;
    String format = ctx.queryParam("format");
    if (format != null && !format.isEmpty()) {
      ContentFormat chosen = ContentFormat.fromShortName(format).filter(WIRE_FORMATS::contains)
          .orElseThrow(() -> new BadRequestException("unknown format '" + format
              + "'; use tlv, senml-json, senml-cbor, lwm2m-json, lwm2m-cbor, text, opaque or cbor"));
      options = options.withFormat(chosen);
    }
    String timeout = ctx.queryParam("timeout");
    if (timeout != null && !timeout.isEmpty()) {
      options = options.withTimeout(seconds(timeout));
    }
    return options;
  }

  private static Duration seconds(String text) {
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRequestException("timeout '" + text + "' is not a number of seconds");
    }
    if (!(seconds > 0) || seconds > 86_400) {
      throw new BadRequestException("timeout must be more than 0 and at most 86400 seconds, got " + text);
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }

  /** Whether {@code ?active=} asks for an active cancel (the default) or only forgetting (false). */
  static boolean active(Context ctx) {
    String active = ctx.queryParam("active");
    if (active == null || active.isEmpty() || active.equalsIgnoreCase("true")) {
      return true;
    }
    if (active.equalsIgnoreCase("false")) {
      return false;
    }
    throw new BadRequestException("active must be true or false, got '" + active + "'");
  }

  /**
   * The query parameters other than {@code format}, {@code timeout}, {@code active} and {@code
   * token}, as Uri-Query attributes: {@code pmin=10}, or {@code pmin} alone (unset) for an empty
   * value.
   */
  static List<String> attributes(Context ctx) {
    List<String> attributes = new ArrayList<>();
    for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
      if (NOT_ATTRIBUTES.contains(parameter.getKey())) {
        continue;
      }
      for (String value : parameter.getValue()) {
        attributes.add(value.isEmpty() ? parameter.getKey() : parameter.getKey() + "=" + value);
      }
    }
    return attributes;
  }

  /** An optional query parameter, empty when absent or blank. */
  static Optional<String> query(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(value -> !value.isEmpty());
  }
}
