package org.lwm2m4j.core.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.Utf8;

/**
 * SenML JSON (content format 110, RFC 8428 as profiled by LwM2M): Read/Write payloads at any
 * level, composite bodies and Send. Opaque values travel in {@code vd} as base64url without
 * padding (padded and standard-alphabet input is accepted); object links in {@code vlo}. No
 * whitespace is written. Stateless and thread-safe.
 */
public final class SenmlJsonCodec extends SenmlCodec {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  @Override
  public ContentFormat format() {
    return ContentFormat.SENML_JSON;
  }

  @Override
  String formatName() {
    return "SenML JSON";
  }

  @Override
  List<SenmlRecord> readPack(byte[] payload) {
    Utf8.validate(payload, 0, payload.length);
    try (JsonParser parser = FACTORY.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw error("a SenML JSON pack must be an array of records", parser);
      }
      List<SenmlRecord> records = new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw error("record " + records.size() + " is not a JSON object", parser);
        }
        records.add(readRecord(parser, records.size()));
      }
      if (parser.nextToken() != null) {
        throw error("trailing data after the SenML JSON array", parser);
      }
      return records;
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      String message = "malformed SenML JSON: " + e.getOriginalMessage();
      throw at >= 0 ? new CodecException(message, at, e) : new CodecException(message, e);
    } catch (IOException e) {
      throw new CodecException("unreadable SenML JSON: " + e.getMessage(), e);
    }
  }

  private static SenmlRecord readRecord(JsonParser parser, int index) throws IOException {
    String baseName = null;
    String name = null;
    Number baseTime = null;
    Number time = null;
    SenmlRecord.Kind kind = SenmlRecord.Kind.NONE;
    Object value = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      String where = "record " + index + " field \"" + field + "\"";
      SenmlRecord.Kind valueKind = SenmlRecord.Kind.NONE;
      switch (field) {
        case "bn" -> baseName = text(parser, token, where);
        case "n" -> name = text(parser, token, where);
        case "bt" -> baseTime = number(parser, token, where);
        case "t" -> time = number(parser, token, where);
        case "v" -> {
          valueKind = SenmlRecord.Kind.NUMBER;
          value = number(parser, token, where);
        }
        case "vs" -> {
          valueKind = SenmlRecord.Kind.STRING;
          value = text(parser, token, where);
        }
        case "vb" -> {
          if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error(where + " must be true or false", parser);
          }
          valueKind = SenmlRecord.Kind.BOOLEAN;
          value = token == JsonToken.VALUE_TRUE;
        }
        case "vd" -> {
          valueKind = SenmlRecord.Kind.DATA;
          value = base64(text(parser, token, where), where, parser);
        }
        case "vlo" -> {
          valueKind = SenmlRecord.Kind.OBJLNK;
          value = text(parser, token, where);
        }
        case "bver" -> {
          Number version = number(parser, token, where);
          if (!(version instanceof Integer || version instanceof Long) || version.longValue() > 10 || version.longValue() < 0) {
            throw error(where + ": SenML version " + version + " is not supported (at most 10)", parser);
          }
        }
        default -> {
          if (field.endsWith("_")) {
            throw error(where + " must be understood (it ends in '_') but is unknown", parser);
          }
          if (token.isStructStart()) {
            throw error(where + " holds a nested " + (token == JsonToken.START_ARRAY ? "array" : "object"), parser);
          }
          if (token == JsonToken.VALUE_NULL) {
            throw error(where + " is null", parser);
          }
        }
      }
      if (valueKind != SenmlRecord.Kind.NONE) {
        if (kind != SenmlRecord.Kind.NONE) {
          throw error("record " + index + " has more than one value field", parser);
        }
        kind = valueKind;
      }
    }
    return new SenmlRecord(baseName, baseTime, name, time, kind, value);
  }

  private static String text(JsonParser parser, JsonToken token, String where) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw error(where + " must be a string", parser);
    }
    return parser.getText();
  }

  private static Number number(JsonParser parser, JsonToken token, String where) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getNumberValue();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      // The exact decimal, so that 1e2 is still a whole number and 0.1 stays 0.1 until typed.
      try {
        return parser.getDecimalValue();
      } catch (NumberFormatException e) {
        throw error(where + " holds " + parser.getText() + ", whose exponent is too large for any LwM2M value", parser);
      }
    }
    throw error(where + " must be a number", parser);
  }

  private static byte[] base64(String text, String where, JsonParser parser) {
    String urlAlphabet = text.replace('+', '-').replace('/', '_');
    int end = urlAlphabet.length();
    while (end > 0 && urlAlphabet.charAt(end - 1) == '=') {
      end--;
    }
    try {
      return Base64.getUrlDecoder().decode(urlAlphabet.substring(0, end));
    } catch (IllegalArgumentException e) {
      throw error(where + " is not base64: " + e.getMessage(), parser);
    }
  }

  private static CodecException error(String message, JsonParser parser) {
    long at = parser.currentTokenLocation().getByteOffset();
    return at >= 0 ? new CodecException("SenML JSON " + message, at) : new CodecException("SenML JSON " + message);
  }

  @Override
  SenmlPackWriter packWriter(int records) throws IOException {
    return new SenmlJsonPackWriter(FACTORY, records);
  }
}
