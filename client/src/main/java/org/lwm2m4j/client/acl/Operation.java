package org.lwm2m4j.client.acl;

import java.util.Optional;

/**
 * A Device Management or Information Reporting operation a server asks of the client, as access
 * control sees it. Composite operations are checked path by path with their plain counterpart
 * (Read-Composite and Observe-Composite as {@link #READ} / {@link #OBSERVE}, Write-Composite as
 * {@link #WRITE}).
 */
public enum Operation {
  READ("Read", AccessRight.READ),
  OBSERVE("Observe", AccessRight.READ),
  WRITE_ATTRIBUTES("Write-Attributes", AccessRight.READ),
  DISCOVER("Discover", null),
  WRITE("Write", AccessRight.WRITE),
  EXECUTE("Execute", AccessRight.EXECUTE),
  DELETE("Delete", AccessRight.DELETE),
  CREATE("Create", AccessRight.CREATE);

  private final String displayName;
  private final AccessRight requiredRight;

  Operation(String displayName, AccessRight requiredRight) {
    this.displayName = displayName;
    this.requiredRight = requiredRight;
  }

  /** The right an ACL must grant for this operation; empty for Discover, which needs none. */
  public Optional<AccessRight> requiredRight() {
    return Optional.ofNullable(requiredRight);
  }

  /** The operation's name in the spec, e.g. {@code Write-Attributes}. */
  public String displayName() {
    return displayName;
  }
}
