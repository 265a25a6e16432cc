package org.lwm2m4j.server.firmware;

import java.util.List;
import java.util.Optional;

/**
 * Where the firmware service keeps each endpoint's last job status, so jobs outlive a restart: the
 * service puts every change and reads them all back once at start (finished jobs are shown as they
 * were, unfinished ones are resumed). {@link InMemoryFirmwareJobStore} is the default; a persistent
 * server store provides a durable one. Implementations are thread-safe.
 */
public interface FirmwareJobStore {
  /** Keeps {@code status} as its endpoint's job, replacing the one it had. */
  void put(FirmwareJobStatus status);

  /** The job kept for {@code endpoint}. */
  Optional<FirmwareJobStatus> byEndpoint(String endpoint);

  /** Every endpoint's job. */
  List<FirmwareJobStatus> all();
}
