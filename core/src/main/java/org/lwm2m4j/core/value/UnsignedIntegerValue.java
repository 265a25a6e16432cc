package org.lwm2m4j.core.value;

import java.math.BigInteger;
import org.lwm2m4j.core.model.ResourceType;

/**
 * An unsigned 64-bit integer resource value (LwM2M 1.1), held as its 64 bits: values above
 * {@link Long#MAX_VALUE} are stored as negative longs and read back with {@link #toBigInteger()}
 * or {@link Long#toUnsignedString(long)}.
 */
public record UnsignedIntegerValue(long bits) implements Value {
  @Override
  public ResourceType type() {
    return ResourceType.UNSIGNED_INTEGER;
  }

  /** The value as a non-negative big integer. */
  public BigInteger toBigInteger() {
    BigInteger value = BigInteger.valueOf(bits & Long.MAX_VALUE);
    return bits < 0 ? value.setBit(63) : value;
  }

  @Override
  public String toString() {
    return "UnsignedIntegerValue[" + Long.toUnsignedString(bits) + "]";
  }
}
