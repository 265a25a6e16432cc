package org.lwm2m4j.core.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.NumericValues;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.InvalidPathException;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.CorelnkValue;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.TimeValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * The LwM2M 1.0 JSON format (content format 11543, legacy 1543):
 * {@code {"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"9","v":100}]}}. Written
 * the way Leshan writes it: {@code bn} is the target path (with a trailing slash for an object,
 * instance or multiple resource) and entries carry relative names; a single value has no
 * {@code n}. Object links go in {@code ov} (Leshan's {@code sv} form is accepted), opaque values
 * in {@code sv} as standard Base64. Times ({@code bt}, {@code t}) are accepted and ignored: this
 * codec decodes plain nodes. Stateless and thread-safe.
 */
public final class LwM2mJsonCodec implements NodeCodec {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** An entry as read, before its name is resolved and its value typed. */
  private record Entry(int index, String name, String field, Object value) {}

  @Override
  public ContentFormat format() {
    return ContentFormat.JSON;
  }

  /** Every path but the root. */
  @Override
  public boolean supports(LwM2mPath path) {
    return !path.isRoot();
  }

  @Override
  public byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    List<PathValue> leaves = NodeFlattener.typedLeaves(node, path, models);
    boolean oneValue = leaves.size() == 1 && leaves.get(0).path().equals(path);
    String base = oneValue ? path.toString() : path + "/";
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + leaves.size() * 24);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("bn", base);
      generator.writeArrayFieldStart("e");
      for (PathValue leaf : leaves) {
        generator.writeStartObject();
        if (!oneValue) {
          generator.writeStringField("n", leaf.path().toString().substring(base.length()));
        }
        writeValue(generator, leaf.value());
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new CodecException("cannot write LwM2M JSON: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator generator, Value value) throws IOException {
    if (value instanceof StringValue v) {
      Utf8.requireWellFormed(v.value());
      generator.writeStringField("sv", v.value());
    } else if (value instanceof CorelnkValue v) {
      Utf8.requireWellFormed(v.links());
      generator.writeStringField("sv", v.links());
    } else if (value instanceof IntegerValue v) {
      generator.writeNumberField("v", v.value());
    } else if (value instanceof TimeValue v) {
      generator.writeNumberField("v", v.epochSeconds());
    } else if (value instanceof UnsignedIntegerValue v) {
      generator.writeFieldName("v");
      generator.writeNumber(v.toBigInteger());
    } else if (value instanceof FloatValue v) {
      if (Double.isNaN(v.value()) || Double.isInfinite(v.value())) {
        throw new CodecException("LwM2M JSON cannot carry the number " + v.value());
      }
      generator.writeNumberField("v", v.value());
    } else if (value instanceof BooleanValue v) {
      generator.writeBooleanField("bv", v.value());
    } else if (value instanceof OpaqueValue v) {
      generator.writeStringField("sv", Base64.getEncoder().encodeToString(v.bytesUnsafe()));
    } else if (value instanceof ObjlnkValue v) {
      generator.writeStringField("ov", v.toString());
    } else {
      throw new CodecException("an executable resource has no LwM2M JSON value");
    }
  }

  @Override
  public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    Utf8.validate(payload, 0, payload.length);
    String baseName = "";
    List<Entry> entries = null;
    try (JsonParser parser = FACTORY.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error("an LwM2M JSON payload must be an object with an \"e\" array", parser);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "bn" -> {
            if (token != JsonToken.VALUE_STRING) {
              throw error("\"bn\" must be a string", parser);
            }
            baseName = parser.getText();
          }
          case "bt" -> {
            if (!token.isNumeric()) {
              throw error("\"bt\" must be a number", parser);
            }
          }
          case "e" -> {
            if (token != JsonToken.START_ARRAY) {
              throw error("\"e\" must be an array of entries", parser);
            }
            entries = readEntries(parser);
          }
          default -> {
            if (token.isStructStart()) {
              throw error("field \"" + field + "\" holds a nested container", parser);
            }
          }
        }
      }
      if (parser.nextToken() != null) {
        throw error("trailing data after the LwM2M JSON object", parser);
      }
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      String message = "malformed LwM2M JSON: " + e.getOriginalMessage();
      throw at >= 0 ? new CodecException(message, at, e) : new CodecException(message, e);
    } catch (IOException e) {
      throw new CodecException("unreadable LwM2M JSON: " + e.getMessage(), e);
    }
    if (entries == null) {
      throw new CodecException("LwM2M JSON payload has no \"e\" array");
    }
    List<PathValue> leaves = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      leaves.add(leaf(baseName, entry, models));
    }
    return NodeAssembler.assemble(path, leaves, models);
  }

  private static List<Entry> readEntries(JsonParser parser) throws IOException {
    List<Entry> entries = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      int index = entries.size();
      if (token != JsonToken.START_OBJECT) {
        throw error("entry " + index + " is not an object", parser);
      }
      String name = null;
      String valueField = null;
      Object value = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken fieldToken = parser.nextToken();
        switch (field) {
          case "n" -> {
            if (fieldToken != JsonToken.VALUE_STRING) {
              throw error("entry " + index + " \"n\" must be a string", parser);
            }
            name = parser.getText();
          }
          case "t" -> {
            if (!fieldToken.isNumeric()) {
              throw error("entry " + index + " \"t\" must be a number", parser);
            }
          }
          case "v", "sv", "bv", "ov" -> {
            if (valueField != null) {
              throw error("entry " + index + " has more than one value field", parser);
            }
            valueField = field;
            value = switch (field) {
              case "v" -> {
                if (fieldToken == JsonToken.VALUE_NUMBER_INT) {
                  yield parser.getNumberValue();
                } else if (fieldToken == JsonToken.VALUE_NUMBER_FLOAT) {
                  try {
                    yield parser.getDecimalValue();
                  } catch (NumberFormatException e) {
                    throw error("entry " + index + " \"v\" holds " + parser.getText() + ", whose exponent is too large for any LwM2M value", parser);
                  }
                }
                throw error("entry " + index + " \"v\" must be a number", parser);
              }
              case "bv" -> {
                if (fieldToken != JsonToken.VALUE_TRUE && fieldToken != JsonToken.VALUE_FALSE) {
                  throw error("entry " + index + " \"bv\" must be true or false", parser);
                }
                yield fieldToken == JsonToken.VALUE_TRUE;
              }
              default -> {
                if (fieldToken != JsonToken.VALUE_STRING) {
                  throw error("entry " + index + " \"" + field + "\" must be a string", parser);
                }
                yield parser.getText();
              }
            };
          }
          default -> {
            if (fieldToken.isStructStart()) {
              throw error("entry " + index + " field \"" + field + "\" holds a nested container", parser);
            }
          }
        }
      }
      if (valueField == null) {
        throw error("entry " + index + " has no value (v, sv, bv or ov)", parser);
      }
      entries.add(new Entry(index, name, valueField, value));
    }
    return entries;
  }

  private static PathValue leaf(String baseName, Entry entry, ModelLookup models) {
    String name = baseName + (entry.name() == null ? "" : entry.name());
    LwM2mPath path;
    try {
      path = LwM2mPath.parse(name);
    } catch (InvalidPathException e) {
      throw new CodecException("LwM2M JSON entry " + entry.index() + ": name '" + CodecException.excerpt(name)
          + "' is not an absolute LwM2M path");
    }
    String where = "LwM2M JSON entry " + entry.index() + " (" + path + ")";
    if (path.depth() < 3) {
      throw new CodecException(where + ": values belong to resources or resource instances");
    }
    ResourceType type = NodeAssembler.resourceModel(path, models).type();
    return new PathValue(path, value(entry, type, where));
  }

  private static Value value(Entry entry, ResourceType type, String where) {
    Object raw = entry.value();
    switch (entry.field()) {
      case "v":
        return NumericValues.of((Number) raw, type, where);
      case "bv":
        if (type == ResourceType.BOOLEAN) {
          return Value.of((boolean) (Boolean) raw);
        }
        break;
      case "ov":
        if (type == ResourceType.OBJLNK) {
          return objlnk((String) raw, where);
        }
        break;
      default:
        String text = (String) raw;
        switch (type) {
          case STRING:
            return Value.of(text);
          case CORELNK:
            return Value.ofCorelnk(text);
          case OBJLNK:
            return objlnk(text, where);
          case OPAQUE:
            try {
              return Value.of(Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/')));
            } catch (IllegalArgumentException e) {
              throw new CodecException(where + ": \"sv\" is not Base64: " + e.getMessage());
            }
          default:
            break;
        }
    }
    throw new CodecException(where + ": a \"" + entry.field() + "\" value cannot be a " + type.ddfName() + " value");
  }

  private static ObjlnkValue objlnk(String text, String where) {
    try {
      return ObjlnkValue.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CodecException(where + ": " + e.getMessage());
    }
  }

  private static CodecException error(String message, JsonParser parser) {
    long at = parser.currentTokenLocation().getByteOffset();
    return at >= 0 ? new CodecException("LwM2M JSON: " + message, at) : new CodecException("LwM2M JSON: " + message);
  }
}
