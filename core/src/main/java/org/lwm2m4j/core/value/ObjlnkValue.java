package org.lwm2m4j.core.value;

import org.lwm2m4j.core.model.ResourceType;

/**
 * An Objlnk resource value: a reference to object instance {@code objectId:instanceId}. Both ids
 * are 0..65535; {@code 65535:65535} is the null link.
 */
public record ObjlnkValue(int objectId, int instanceId) implements Value {
  /** The null link {@code 65535:65535}. */
  public static final ObjlnkValue NULL = new ObjlnkValue(65535, 65535);

  public ObjlnkValue {
    if (objectId < 0 || objectId > 65535 || instanceId < 0 || instanceId > 65535) {
      throw new IllegalArgumentException("object link ids must be 0..65535, got " + objectId + ":" + instanceId);
    }
  }

  /**
   * Parses {@code "66:0"}; the null link is accepted as {@code 65535:65535} or {@code FFFF:FFFF}.
   *
   * @throws IllegalArgumentException if the text is not two ids separated by a colon
   */
  public static ObjlnkValue parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
      throw new IllegalArgumentException("object link '" + text + "' is not of the form oid:iid");
    }
    String left = text.substring(0, colon);
    String right = text.substring(colon + 1);
    if (left.equalsIgnoreCase("FFFF") && right.equalsIgnoreCase("FFFF")) {
      return NULL;
    }
    return new ObjlnkValue(parseId(left, text), parseId(right, text));
  }

  private static int parseId(String digits, String whole) {
    if (digits.length() > 5) {
      throw new IllegalArgumentException("object link '" + whole + "' has an id above 65535");
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("object link '" + whole + "' has a non-numeric id");
      }
      value = value * 10 + (c - '0');
    }
    if (value > 65535) {
      throw new IllegalArgumentException("object link '" + whole + "' has an id above 65535");
    }
    return value;
  }

  public boolean isNull() {
    return objectId == 65535 && instanceId == 65535;
  }

  @Override
  public ResourceType type() {
    return ResourceType.OBJLNK;
  }

  /** {@code "66:0"}. */
  @Override
  public String toString() {
    return objectId + ":" + instanceId;
  }
}
