package org.lwm2m4j.core.codec;

/** IEEE 754 binary16, the half-precision float CBOR items may carry (Java 17 has no Float.float16ToFloat). */
final class HalfPrecision {
  private HalfPrecision() {}

  /** The binary32 float with the same value; NaN keeps its sign and payload. */
  static float toFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
