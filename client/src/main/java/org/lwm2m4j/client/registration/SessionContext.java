package org.lwm2m4j.client.registration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link RegistrationSession} of one engine shares: the channels, the pacing, the
 * scheduler and the engine's serial executor (on which all session state changes run, one at a
 * time), the request builder, the listeners, and whether the engine has stopped.
 */
record SessionContext(AccountEndpoints endpoints, RegistrationSettings settings, Scheduler scheduler, Executor serial,
    RegistrationRequests requests, List<RegistrationListener> listeners, BooleanSupplier stopped) {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationEngine.class);

  /** Runs {@code work} on the serial executor {@code delay} from now. */
  Scheduler.Task later(Duration delay, Runnable work) {
    return scheduler.schedule(delay, () -> serially(work));
  }

  /** Runs {@code work} on the serial executor; once the client's scheduler has stopped, drops it. */
  void serially(Runnable work) {
    try {
      serial.execute(work);
    } catch (RejectedExecutionException stoppedMeanwhile) {
      LOG.debug("registration engine stopped; dropped a late action");
    }
  }
}
