package org.lwm2m4j.core.value;

import java.util.Arrays;
import java.util.HexFormat;
import org.lwm2m4j.core.model.ResourceType;

/** An Opaque resource value: a byte string. The array is copied in and out, so the value stays immutable. */
public final class OpaqueValue implements Value {
  private final byte[] bytes;

  public OpaqueValue(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  private OpaqueValue(byte[] bytes, boolean owned) {
    this.bytes = bytes;
  }

  /** Wraps an array the caller hands over and will never touch again (decoders use this to avoid a copy). */
  public static OpaqueValue wrap(byte[] owned) {
    return new OpaqueValue(owned, true);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes themselves, for encoders that only read them. Do not modify. */
  public byte[] bytesUnsafe() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public ResourceType type() {
    return ResourceType.OPAQUE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpaqueValue other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32));
    return "OpaqueValue[" + bytes.length + " bytes: " + hex + (bytes.length > 32 ? "…" : "") + "]";
  }
}
