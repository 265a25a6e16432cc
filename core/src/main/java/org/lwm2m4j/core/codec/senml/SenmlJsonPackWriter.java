package org.lwm2m4j.core.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.Utf8;

/**
 * Spells a SenML pack in JSON without whitespace: field names, {@code vd} as base64url without
 * padding, numbers as Jackson prints them (NaN and infinities have no JSON form and are refused).
 */
final class SenmlJsonPackWriter implements SenmlPackWriter {
  private final ByteArrayOutputStream out;
  private final JsonGenerator generator;

  SenmlJsonPackWriter(JsonFactory factory, int records) throws IOException {
    out = new ByteArrayOutputStream(16 + records * 24);
    generator = factory.createGenerator(out);
  }

  @Override
  public void startPack(int records) throws IOException {
    generator.writeStartArray(null, records);
  }

  @Override
  public void startRecord(int fields) throws IOException {
    generator.writeStartObject(null, fields);
  }

  @Override
  public void key(SenmlField field) throws IOException {
    generator.writeFieldName(field.jsonName());
  }

  @Override
  public void text(String text) throws IOException {
    Utf8.requireWellFormed(text);
    generator.writeString(text);
  }

  @Override
  public void number(Number number) throws IOException {
    if (number instanceof Long l) {
      generator.writeNumber(l);
    } else if (number instanceof BigInteger big) {
      generator.writeNumber(big);
    } else if (number instanceof BigDecimal decimal) {
      generator.writeNumber(decimal);
    } else {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new CodecException("SenML JSON cannot carry the number " + d);
      }
      generator.writeNumber(d);
    }
  }

  @Override
  public void bool(boolean value) throws IOException {
    generator.writeBoolean(value);
  }

  @Override
  public void data(byte[] data) throws IOException {
    generator.writeString(Base64.getUrlEncoder().withoutPadding().encodeToString(data));
  }

  @Override
  public void endRecord() throws IOException {
    generator.writeEndObject();
  }

  @Override
  public byte[] finish() throws IOException {
    generator.writeEndArray();
    generator.close();
    return out.toByteArray();
  }
}
