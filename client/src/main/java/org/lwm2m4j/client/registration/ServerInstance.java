package org.lwm2m4j.client.registration;

import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.value.IntegerValue;

/**
 * An instance of the Server object (1): its resources are stored; executing Disable (4),
 * Registration Update Trigger (8) or Bootstrap-Request Trigger (9) publishes a {@link
 * ServerAction} on the client's {@link ServerActions}, which runs it after the 2.04 has gone out.
 */
public final class ServerInstance extends StoredInstance {
  private final ServerActions actions;

  public ServerInstance(int id, ServerActions actions) {
    super(id);
    this.actions = actions;
  }

  @Override
  public void execute(int resourceId, String arguments) {
    int ssid = stored(0).filter(IntegerValue.class::isInstance).map(v -> (int) ((IntegerValue) v).value())
        .orElseThrow(() -> new MethodNotAllowedException("server instance " + id() + " has no Short Server ID"));
    switch (resourceId) {
      case 4 -> actions.publish(new ServerAction(ServerAction.Kind.DISABLE, ssid));
      case 8 -> actions.publish(new ServerAction(ServerAction.Kind.UPDATE_TRIGGER, ssid));
      case 9 -> actions.publish(new ServerAction(ServerAction.Kind.BOOTSTRAP_TRIGGER, ssid));
      default -> super.execute(resourceId, arguments);
    }
  }
}
