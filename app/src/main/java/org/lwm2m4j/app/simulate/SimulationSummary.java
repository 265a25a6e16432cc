package org.lwm2m4j.app.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulation did, said at its end: as lines for a person, or as one JSON object (the last
 * line of stdout with {@code --json}) for a benchmark script.
 *
 * @param registered devices registered when the run ended (before de-registering)
 * @param failed the other devices: never started, still waiting for an answer, or failing
 * @param registrationsPerSecond first registrations per second, from the first Register sent to the last answered
 * @param cpuSeconds this JVM's CPU time during the run, every thread
 * @param stormRegistered devices that registered again after the storm ({@code --storm-at}) asked them to; 0 without one
 * @param stormSeconds from the storm's beginning to the last of those registrations
 */
record SimulationSummary(int devices, int registered, int failed, double registrationsPerSecond, long updates, long failedAttempts,
    long requestsAnswered, long notificationsSent, long deregistered, double latencyP50Millis, double latencyP99Millis,
    double durationSeconds, double cpuSeconds, String carrier, long stormRegistered, double stormSeconds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** This JVM's CPU per first registration: the simulator's own cost as a load generator; 0 before any registration. */
  double cpuSecondsPerRegistration() {
    long firstRegistrations = registered;
    return firstRegistrations == 0 ? 0 : cpuSeconds / firstRegistrations;
  }

  /** One JSON object on one line. */
  String toJson() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("devices", devices);
    fields.put("registered", registered);
    fields.put("failed", failed);
    fields.put("registrationsPerSecond", round(registrationsPerSecond));
    fields.put("updates", updates);
    fields.put("failedAttempts", failedAttempts);
    fields.put("requestsAnswered", requestsAnswered);
    fields.put("notificationsSent", notificationsSent);
    fields.put("deregistered", deregistered);
    fields.put("latencyP50Millis", round(latencyP50Millis));
    fields.put("latencyP99Millis", round(latencyP99Millis));
    fields.put("durationSeconds", round(durationSeconds));
    fields.put("cpuSeconds", round(cpuSeconds));
    fields.put("cpuSecondsPerRegistration", cpuSecondsPerRegistration());
    fields.put("carrier", carrier);
    fields.put("stormRegistered", stormRegistered);
    fields.put("stormSeconds", round(stormSeconds));
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("numbers and strings always serialise", e);
    }
  }

  /** The summary in words, a few lines. */
  String toText() {
    String storm = stormSeconds == 0 && stormRegistered == 0 ? ""
        : String.format(Locale.ROOT, "%n  storm: %d devices registered again in %.1f s", stormRegistered, stormSeconds);
    return String.format(Locale.ROOT, """
        simulated %d devices for %.1f s (%s)
          registered %d, failed %d; %.0f registrations/s, latency p50 %.1f ms, p99 %.1f ms
          updates %d, failed attempts %d, de-registered %d
          requests answered %d, notifications sent %d
          simulator CPU %.2f s, %.1f µs per registration""",
        devices, durationSeconds, carrier, registered, failed, registrationsPerSecond, latencyP50Millis, latencyP99Millis, updates,
        failedAttempts, deregistered, requestsAnswered, notificationsSent, cpuSeconds, cpuSecondsPerRegistration() * 1e6) + storm;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
