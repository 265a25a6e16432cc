package org.lwm2m4j.app.sms;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/** A Temperature instance (object 3303) that counts how often its Reset Min and Max (5605) is executed. */
final class CountingTemperature extends StoredInstance {
  static final int OBJECT = 3303;
  static final int RESET_MIN_MAX = 5605;

  private final AtomicInteger executions = new AtomicInteger();

  CountingTemperature() {
    super(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
  }

  @Override
  public void execute(int resourceId, String arguments) {
    if (resourceId != RESET_MIN_MAX) {
      super.execute(resourceId, arguments);
    }
    executions.incrementAndGet();
  }

  /** How many Executes of 5605 reached this instance. */
  int executions() {
    return executions.get();
  }
}
