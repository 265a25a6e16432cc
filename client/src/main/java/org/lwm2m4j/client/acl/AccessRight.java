package org.lwm2m4j.client.acl;

/**
 * One access right an ACL value of the Access Control object (/2/x/2) grants, with its bit:
 * Read 1, Write 2, Execute 4, Delete 8, Create 16 (Create only means something in an
 * object-level ACO instance, the one whose Object Instance ID is 65535).
 */
public enum AccessRight {
  READ(1, 'R'),
  WRITE(2, 'W'),
  EXECUTE(4, 'E'),
  DELETE(8, 'D'),
  CREATE(16, 'C');

  private final int bit;
  private final char letter;

  AccessRight(int bit, char letter) {
    this.bit = bit;
    this.letter = letter;
  }

  /** The bit of this right in an ACL value. */
  public int bit() {
    return bit;
  }

  /** The one-letter name the spec uses: R, W, E, D or C. */
  public char letter() {
    return letter;
  }
}
