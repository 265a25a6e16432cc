package org.lwm2m4j.server.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * An SMS the server sent to wake a sleeping queue-mode client: a CON Execute of the Registration
 * Update Trigger ({@code /1/x/8}) to the MSISDN the client registered with, so that it sends an
 * Update and takes the requests waiting for it.
 *
 * @param endpoint the client's endpoint name
 * @param registrationId its registration
 * @param msisdn the number the SMS went to (the registration's {@code sms})
 * @param path the resource executed, {@code /1/x/8}
 * @param attempt 1 for the first SMS of a sleep period, then 2, 3… for each retry
 * @param sentAt when it went out
 */
public record WakeUpSms(String endpoint, String registrationId, String msisdn, String path, int attempt, Instant sentAt) {
  public WakeUpSms {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(registrationId, "registrationId");
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sentAt, "sentAt");
  }
}
