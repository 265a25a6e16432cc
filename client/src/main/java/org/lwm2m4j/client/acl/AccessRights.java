package org.lwm2m4j.client.acl;

/**
 * The rights one server has on one instance (or, for Create, on one object): an ACL value of the
 * Access Control object, bits {@link AccessRight R W E D C}. Bits above Create are reserved by the
 * spec and dropped.
 *
 * @param mask the rights as ACL bits, 0..31
 */
public record AccessRights(int mask) {
  /** No right at all. */
  public static final AccessRights NONE = new AccessRights(0);

  /** What the owner of an instance has when the ACL has no entry for it: Read, Write, Execute, Delete. */
  public static final AccessRights OWNER = of(AccessRight.READ, AccessRight.WRITE, AccessRight.EXECUTE, AccessRight.DELETE);

  private static final int ALL_BITS = 31;

  public AccessRights {
    mask &= ALL_BITS;
  }

  /** The rights made of {@code rights}. */
  public static AccessRights of(AccessRight... rights) {
    int mask = 0;
    for (AccessRight right : rights) {
      mask |= right.bit();
    }
    return new AccessRights(mask);
  }

  /** Whether these rights include {@code right}. */
  public boolean allows(AccessRight right) {
    return (mask & right.bit()) != 0;
  }

  /** The rights as their letters, e.g. {@code RW}, or {@code none}. */
  @Override
  public String toString() {
    StringBuilder letters = new StringBuilder();
    for (AccessRight right : AccessRight.values()) {
      if (allows(right)) {
        letters.append(right.letter());
      }
    }
    return letters.length() == 0 ? "none" : letters.toString();
  }
}
