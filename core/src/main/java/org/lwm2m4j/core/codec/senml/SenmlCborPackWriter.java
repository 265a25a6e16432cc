package org.lwm2m4j.core.codec.senml;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.lwm2m4j.core.codec.CborWriter;

/**
 * Spells a SenML pack in CBOR (RFC 8428 §6): definite lengths, integer labels (the text key
 * {@code "vlo"} for object links, which has no label), integers in their shortest head (unsigned
 * above 2^63 as a plain 8-byte uint), floats single when exact and double otherwise.
 */
final class SenmlCborPackWriter implements SenmlPackWriter {
  private final CborWriter out;

  SenmlCborPackWriter(int records) {
    out = new CborWriter(16 + records * 24);
  }

  @Override
  public void startPack(int records) {
    out.arrayStart(records);
  }

  @Override
  public void startRecord(int fields) {
    out.mapStart(fields);
  }

  @Override
  public void key(SenmlField field) {
    if (field.cborLabel().isPresent()) {
      out.integer(field.cborLabel().getAsInt());
    } else {
      out.text(field.jsonName());
    }
  }

  @Override
  public void text(String text) {
    out.text(text);
  }

  @Override
  public void number(Number number) {
    if (number instanceof Long l) {
      out.integer(l);
    } else if (number instanceof BigInteger big) {
      out.unsigned(big.longValue());
    } else {
      out.floating(number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue());
    }
  }

  @Override
  public void bool(boolean value) {
    out.bool(value);
  }

  @Override
  public void data(byte[] data) {
    out.bytes(data);
  }

  @Override
  public void endRecord() {
    // Definite lengths: nothing closes a record.
  }

  @Override
  public byte[] finish() {
    return out.toByteArray();
  }
}
