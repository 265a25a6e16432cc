package org.lwm2m4j.client.registration;

import java.util.Objects;

/**
 * An action a server asked for by executing a resource of its Server object instance: Disable
 * ({@code /1/x/4}), Registration Update Trigger ({@code /1/x/8}) or Bootstrap-Request Trigger
 * ({@code /1/x/9}), from the server with {@code shortServerId}.
 */
public record ServerAction(Kind kind, int shortServerId) {
  /** The executable resources of the Server object that act on the client's lifecycle. */
  public enum Kind {
    /** {@code /1/x/4}: de-register, stay silent for the Disable Timeout, then register again. */
    DISABLE(4),
    /** {@code /1/x/8}: send an Update now. */
    UPDATE_TRIGGER(8),
    /** {@code /1/x/9} (1.1): run a client-initiated bootstrap. */
    BOOTSTRAP_TRIGGER(9);

    private final int resourceId;

    Kind(int resourceId) {
      this.resourceId = resourceId;
    }

    /** The Server object resource that asks for this action. */
    public int resourceId() {
      return resourceId;
    }
  }

  public ServerAction {
    Objects.requireNonNull(kind, "kind");
  }
}
