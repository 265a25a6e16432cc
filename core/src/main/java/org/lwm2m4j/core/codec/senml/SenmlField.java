package org.lwm2m4j.core.codec.senml;

import java.util.OptionalInt;

/**
 * The SenML fields lwm2m4j writes, with their JSON names and CBOR labels (RFC 8428 §6). The
 * LwM2M object-link field {@code vlo} has no registered label; CBOR writes it as a text key.
 */
enum SenmlField {
  BASE_NAME("bn", -2),
  BASE_TIME("bt", -3),
  NAME("n", 0),
  VALUE("v", 2),
  STRING_VALUE("vs", 3),
  BOOLEAN_VALUE("vb", 4),
  TIME("t", 6),
  DATA_VALUE("vd", 8),
  OBJECT_LINK("vlo", null);

  private final String jsonName;
  private final Integer cborLabel;

  SenmlField(String jsonName, Integer cborLabel) {
    this.jsonName = jsonName;
    this.cborLabel = cborLabel;
  }

  String jsonName() {
    return jsonName;
  }

  OptionalInt cborLabel() {
    return cborLabel == null ? OptionalInt.empty() : OptionalInt.of(cborLabel);
  }
}
