package org.lwm2m4j.core.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The CoAP content formats LwM2M payloads use, with their numbers and the short names our CLI and
 * REST API accept ({@code tlv}, {@code senml-json}, …). Legacy numbers from pre-1.0 drafts are
 * kept because Leshan and Wakaama peers still send them.
 */
public enum ContentFormat {
  TEXT(0, "text/plain", "text"),
  LINK(40, "application/link-format", "link"),
  OPAQUE(42, "application/octet-stream", "opaque"),
  CBOR(60, "application/cbor", "cbor"),
  SENML_JSON(110, "application/senml+json", "senml-json"),
  SENML_CBOR(112, "application/senml+cbor", "senml-cbor"),
  SENML_ETCH_JSON(320, "application/senml-etch+json", "senml-etch-json"),
  SENML_ETCH_CBOR(322, "application/senml-etch+cbor", "senml-etch-cbor"),
  TLV(11542, "application/vnd.oma.lwm2m+tlv", "tlv"),
  JSON(11543, "application/vnd.oma.lwm2m+json", "lwm2m-json"),
  LWM2M_CBOR(11544, "application/vnd.oma.lwm2m+cbor", "lwm2m-cbor"),
  TEXT_LEGACY(1541, "text/plain (legacy)", "text-legacy"),
  TLV_LEGACY(1542, "application/vnd.oma.lwm2m+tlv (legacy)", "tlv-legacy"),
  JSON_LEGACY(1543, "application/vnd.oma.lwm2m+json (legacy)", "lwm2m-json-legacy"),
  OPAQUE_LEGACY(1544, "application/octet-stream (legacy)", "opaque-legacy");

  private final int code;
  private final String mediaType;
  private final String shortName;

  ContentFormat(int code, String mediaType, String shortName) {
    this.code = code;
    this.mediaType = mediaType;
    this.shortName = shortName;
  }

  /** The CoAP Content-Format number. */
  public int code() {
    return code;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The name used by the CLI ({@code --format}) and the REST API ({@code ?format=}). */
  public String shortName() {
    return shortName;
  }

  /**
   * The format whose codec handles this one: legacy numbers map to their standard twin, the
   * SenML-ETCH formats to plain SenML (same records).
   */
  public ContentFormat canonical() {
    return switch (this) {
      case TEXT_LEGACY -> TEXT;
      case TLV_LEGACY -> TLV;
      case JSON_LEGACY -> JSON;
      case OPAQUE_LEGACY -> OPAQUE;
      case SENML_ETCH_JSON -> SENML_JSON;
      case SENML_ETCH_CBOR -> SENML_CBOR;
      default -> this;
    };
  }

  public static Optional<ContentFormat> fromCode(int code) {
    for (ContentFormat format : values()) {
      if (format.code == code) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** By short name ({@code "senml-json"}), case-insensitive; {@code "json"} is accepted for LwM2M JSON. */
  public static Optional<ContentFormat> fromShortName(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("json")) {
      return Optional.of(JSON);
    }
    for (ContentFormat format : values()) {
      if (format.shortName.equals(lower)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
