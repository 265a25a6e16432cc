package org.lwm2m4j.server.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * Typed reads of one JSON object's fields, each failure an {@link InvalidRequestException} that
 * names the field by its full path ({@code servers[0].security.key}). A JSON {@code null} counts
 * as absent.
 */
final class JsonFields {
  private final JsonNode object;
  private final String path;

  private JsonFields(JsonNode object, String path) {
    this.object = object;
    this.path = path;
  }

  /** The fields of {@code node}, which must be an object; {@code path} is where it is ("" for the document). */
  static JsonFields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException((path.isEmpty() ? "the config" : path) + " must be a JSON object, not "
          + kind(node));
    }
    return new JsonFields(node, path);
  }

  /** The path of {@code field} in this object. */
  String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** A prefix that places a message about this object's fields at its path. */
  String prefix() {
    return path.isEmpty() ? "" : path + ".";
  }

  /** Rejects fields outside {@code allowed}: a misspelt optional field would otherwise be silently ignored. */
  void only(List<String> allowed) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidRequestException(at(name) + " is not a known field; allowed here: " + String.join(", ", allowed));
      }
    }
  }

  Optional<JsonNode> optional(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  JsonNode required(String field, String example) {
    return optional(field).orElseThrow(() -> new InvalidRequestException(at(field) + " is missing; expected e.g. " + example));
  }

  String text(String field, String example) {
    return asText(required(field, example), field);
  }

  Optional<String> optionalText(String field) {
    return optional(field).map(value -> asText(value, field));
  }

  long integer(String field, String example) {
    return asLong(required(field, example), field);
  }

  OptionalLong optionalInteger(String field) {
    Optional<JsonNode> value = optional(field);
    return value.isPresent() ? OptionalLong.of(asLong(value.get(), field)) : OptionalLong.empty();
  }

  /** A whole number that fits an int (the caller checks its own range). */
  int smallInteger(String field, String example) {
    return toInt(integer(field, example), field);
  }

  int toInt(long value, String field) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidRequestException(at(field) + " " + value + " is out of range");
    }
    return (int) value;
  }

  byte[] hex(String field, String example) {
    String text = text(field, example);
    if (text.length() % 2 != 0) {
      throw new InvalidRequestException(at(field) + " has an odd number of hex digits (" + text.length() + ")");
    }
    for (int i = 0; i < text.length(); i++) {
      if (!HexFormat.isHexDigit(text.charAt(i))) {
        throw new InvalidRequestException(at(field) + " must be hex; character " + (i + 1) + " is not a hex digit");
      }
    }
    return HexFormat.of().parseHex(text);
  }

  /** Base64 of DER (standard alphabet); line breaks and a PEM header and footer are tolerated. */
  byte[] base64(String field, String example) {
    String text = text(field, example);
    String compact = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
    if (compact.length() > (KeyMaterial.MAX_DER_BYTES + 2) / 3 * 4) {
      throw new InvalidRequestException(at(field) + " is too long (" + compact.length() + " base64 characters)");
    }
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(at(field) + " is not base64 of DER: " + e.getMessage());
    }
  }

  private String asText(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw new InvalidRequestException(at(field) + " must be a string, not " + kind(value));
    }
    return value.textValue();
  }

  private long asLong(JsonNode value, String field) {
    if (!value.isIntegralNumber()) {
      throw new InvalidRequestException(at(field) + " must be a whole number, not " + kind(value));
    }
    if (!value.canConvertToLong()) {
      throw new InvalidRequestException(at(field) + " is out of range");
    }
    return value.longValue();
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNumber()) {
      return "a number (" + node.asText() + ")";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
