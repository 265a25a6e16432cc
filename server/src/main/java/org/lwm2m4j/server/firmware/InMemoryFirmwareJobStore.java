package org.lwm2m4j.server.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Job statuses in memory only: what a server without a persistent store uses; they end with the process. */
public final class InMemoryFirmwareJobStore implements FirmwareJobStore {
  private final Map<String, FirmwareJobStatus> jobs = new ConcurrentHashMap<>();

  @Override
  public void put(FirmwareJobStatus status) {
    Objects.requireNonNull(status, "status");
    jobs.put(status.endpoint(), status);
  }

  @Override
  public Optional<FirmwareJobStatus> byEndpoint(String endpoint) {
    return Optional.ofNullable(jobs.get(endpoint));
  }

  @Override
  public List<FirmwareJobStatus> all() {
    return new ArrayList<>(jobs.values());
  }

  /** How many endpoints have a job. */
  public int size() {
    return jobs.size();
  }
}
