package org.lwm2m4j.core.codec.senml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.CborReader;

/**
 * SenML CBOR (content format 112, RFC 8428 §6): the records of SenML JSON with integer labels
 * (bn −2, bt −3, n 0, v 2, vs 3, vb 4, t 6, vd 8) and the text key {@code "vlo"} for object links,
 * which has no numeric label. Written with definite lengths, minimal integers and floats in the
 * shortest exact width (single, else double); read strictly by {@link CborReader}, which accepts
 * definite and indefinite containers, half/single/double floats and decimal fractions. Stateless
 * and thread-safe.
 */
public final class SenmlCborCodec extends SenmlCodec {
  private static final int BASE_VERSION = -1;
  private static final int BASE_NAME = -2;
  private static final int BASE_TIME = -3;
  private static final int BASE_UNIT = -4;
  private static final int BASE_VALUE = -5;
  private static final int BASE_SUM = -6;
  private static final int NAME = 0;
  private static final int UNIT = 1;
  private static final int VALUE = 2;
  private static final int STRING_VALUE = 3;
  private static final int BOOLEAN_VALUE = 4;
  private static final int SUM = 5;
  private static final int TIME = 6;
  private static final int UPDATE_TIME = 7;
  private static final int DATA_VALUE = 8;
  private static final String OBJECT_LINK = "vlo";

  @Override
  public ContentFormat format() {
    return ContentFormat.SENML_CBOR;
  }

  @Override
  String formatName() {
    return "SenML CBOR";
  }

  @Override
  List<SenmlRecord> readPack(byte[] payload) {
    CborReader reader = new CborReader(payload, formatName());
    long count = reader.readArrayStart();
    List<SenmlRecord> records = new ArrayList<>();
    while (count == CborReader.INDEFINITE ? !reader.peekBreak() : records.size() < count) {
      records.add(readRecord(reader, records.size()));
    }
    if (count == CborReader.INDEFINITE) {
      reader.readBreak();
    }
    reader.expectEnd();
    return records;
  }

  private static SenmlRecord readRecord(CborReader reader, int index) {
    int start = reader.offset();
    if (reader.peekMajor() != CborReader.MAP) {
      throw reader.error("record " + index + " is not a map", start);
    }
    long entries = reader.readMapStart();
    String baseName = null;
    String name = null;
    Number baseTime = null;
    Number time = null;
    SenmlRecord.Kind kind = SenmlRecord.Kind.NONE;
    Object value = null;
    Set<Object> seen = new HashSet<>();
    for (long i = 0; entries == CborReader.INDEFINITE ? !reader.peekBreak() : i < entries; i++) {
      int keyAt = reader.offset();
      Object key = readKey(reader, index);
      if (!seen.add(key)) {
        throw reader.error("record " + index + " has key " + key + " twice", keyAt);
      }
      SenmlRecord.Kind valueKind = SenmlRecord.Kind.NONE;
      if (key.equals(OBJECT_LINK)) {
        valueKind = SenmlRecord.Kind.OBJLNK;
        value = reader.readText();
      } else if (key instanceof String text) {
        if (text.endsWith("_")) {
          throw reader.error("record " + index + " key \"" + text + "\" must be understood but is unknown", keyAt);
        }
        reader.skipScalar();
      } else {
        switch ((Integer) key) {
          case BASE_NAME -> baseName = reader.readText();
          case NAME -> name = reader.readText();
          case BASE_TIME -> baseTime = reader.readNumber();
          case TIME -> time = reader.readNumber();
          case VALUE -> {
            valueKind = SenmlRecord.Kind.NUMBER;
            value = reader.readNumber();
          }
          case STRING_VALUE -> {
            valueKind = SenmlRecord.Kind.STRING;
            value = reader.readText();
          }
          case BOOLEAN_VALUE -> {
            valueKind = SenmlRecord.Kind.BOOLEAN;
            value = reader.readBoolean();
          }
          case DATA_VALUE -> {
            valueKind = SenmlRecord.Kind.DATA;
            value = reader.readBytes();
          }
          case BASE_VERSION -> {
            Number version = reader.readNumber();
            if (!(version instanceof Long v) || v < 0 || v > 10) {
              throw reader.error("record " + index + ": SenML version " + version + " is not supported (at most 10)", keyAt);
            }
          }
          case UNIT, BASE_UNIT -> reader.readText();
          case SUM, UPDATE_TIME, BASE_VALUE, BASE_SUM -> reader.readNumber();
          default -> reader.skipScalar();
        }
      }
      if (valueKind != SenmlRecord.Kind.NONE) {
        if (kind != SenmlRecord.Kind.NONE) {
          throw reader.error("record " + index + " has more than one value field", keyAt);
        }
        kind = valueKind;
      }
    }
    if (entries == CborReader.INDEFINITE) {
      reader.readBreak();
    }
    return new SenmlRecord(baseName, baseTime, name, time, kind, value);
  }

  /** An integer label (as an Integer) or a text key. */
  private static Object readKey(CborReader reader, int index) {
    int at = reader.offset();
    int major = reader.peekMajor();
    if (major == CborReader.TEXT) {
      return reader.readText();
    }
    if (major == CborReader.UNSIGNED || major == CborReader.NEGATIVE) {
      Number label = reader.readNumber();
      if (label instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) (long) l;
      }
      return label.toString();
    }
    throw reader.error("record " + index + " has a key that is neither a label nor a text string", at);
  }

  @Override
  SenmlPackWriter packWriter(int records) {
    return new SenmlCborPackWriter(records);
  }
}
