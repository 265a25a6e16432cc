package org.lwm2m4j.core.codec.senml;

import java.io.IOException;

/**
 * Writes one SenML pack in a syntax, JSON or CBOR. {@link SenmlCodec} decides which records and
 * fields are written and in which order; an implementation only spells them. Used once.
 */
interface SenmlPackWriter {
  /** The start of the pack, an array of {@code records} records. */
  void startPack(int records) throws IOException;

  /** The start of a record, a map of {@code fields} fields. */
  void startRecord(int fields) throws IOException;

  /** The key of a field: its name in JSON, its label in CBOR. */
  void key(SenmlField field) throws IOException;

  /** A text value; lone surrogates are refused. */
  void text(String text) throws IOException;

  /** A number: {@link Long}, {@link java.math.BigInteger}, {@link Double} or {@link java.math.BigDecimal}. */
  void number(Number number) throws IOException;

  void bool(boolean value) throws IOException;

  /** A {@code vd} value. */
  void data(byte[] data) throws IOException;

  void endRecord() throws IOException;

  /** Ends the pack and returns its bytes. */
  byte[] finish() throws IOException;
}
