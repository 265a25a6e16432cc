package org.lwm2m4j.client.object;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.core.node.LwM2mResource;

/** A stored instance whose executable resources record each call, for tests. */
public final class ExecutableInstance extends StoredInstance {
  /** One Execute: the resource and its argument text. */
  public record Call(int resourceId, String arguments) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();

  public ExecutableInstance(int id, List<? extends LwM2mResource> resources) {
    super(id, resources);
  }

  public ExecutableInstance(int id) {
    super(id);
  }

  @Override
  public void execute(int resourceId, String arguments) {
    calls.add(new Call(resourceId, arguments));
  }
}
