package org.lwm2m4j.core.codec.tlv;

/**
 * The four TLV entry kinds, in the order of their two-bit code in the type byte (bits 7-6), so
 * {@link #ordinal()} is the code.
 */
enum TlvKind {
  /** {@code 00}: value is a sequence of Resource and Multiple Resource TLVs. */
  OBJECT_INSTANCE("Object Instance"),
  /** {@code 01}: value is data; lives inside a Multiple Resource TLV, or alone for {@code /o/i/r/ri}. */
  RESOURCE_INSTANCE("Resource Instance"),
  /** {@code 10}: value is a sequence of Resource Instance TLVs. */
  MULTIPLE_RESOURCE("Multiple Resource"),
  /** {@code 11}: value is the data of a single-instance resource. */
  RESOURCE("Resource");

  private static final TlvKind[] BY_CODE = values();

  private final String displayName;

  TlvKind(String displayName) {
    this.displayName = displayName;
  }

  /** The kind a type byte announces. */
  static TlvKind ofTypeByte(int typeByte) {
    return BY_CODE[(typeByte >> 6) & 0x03];
  }

  /** The kind's bits, already in place in a type byte. */
  int typeBits() {
    return ordinal() << 6;
  }

  /** {@code "Multiple Resource TLV"}, as the spec names it. */
  @Override
  public String toString() {
    return displayName + " TLV";
  }
}
