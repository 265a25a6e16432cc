package org.lwm2m4j.app.metrics;

import java.time.Duration;
import org.lwm2m4j.server.downlink.RequestObserver;
import org.lwm2m4j.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per failed device API request, with fields a log search can key on. */
public final class FailedRequestLog implements RequestObserver {
  private static final Logger LOG = LoggerFactory.getLogger(FailedRequestLog.class);

  @Override
  public void completed(Registration registration, String operation, String outcome, Duration elapsed) {
    if (!outcome.equals("success")) {
      LOG.warn("request failed endpoint={} registration={} operation={} outcome={} ms={}", registration.endpoint(), registration.id(),
          operation, outcome, elapsed.toMillis());
    }
  }
}
