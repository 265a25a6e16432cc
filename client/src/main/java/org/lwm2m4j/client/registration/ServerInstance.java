package org.lwm2m4j.client.registration;

import java.util.concurrent.Executor;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.value.IntegerValue;

/**
 * An instance of the Server object (1): its resources are stored; its executable resources
 * Disable (4), Registration Update Trigger (8) and Bootstrap-Request Trigger (9) hand over to the
 * registration engine after the 2.04 has gone out.
 */
public final class ServerInstance extends StoredInstance {
  private final ServerActions actions;
  private final Executor later;

  /**
   * @param later runs the actions after the Execute has been answered
   */
  public ServerInstance(int id, ServerActions actions, Executor later) {
    super(id);
    this.actions = actions;
    this.later = later;
  }

  @Override
  public void execute(int resourceId, String arguments) {
    int ssid = stored(0).filter(IntegerValue.class::isInstance).map(v -> (int) ((IntegerValue) v).value())
        .orElseThrow(() -> new MethodNotAllowedException("server instance " + id() + " has no Short Server ID"));
    switch (resourceId) {
      case 4 -> later.execute(() -> actions.disable(ssid));
      case 8 -> later.execute(() -> actions.triggerUpdate(ssid));
      case 9 -> later.execute(() -> actions.triggerBootstrap(ssid));
      default -> super.execute(resourceId, arguments);
    }
  }
}
