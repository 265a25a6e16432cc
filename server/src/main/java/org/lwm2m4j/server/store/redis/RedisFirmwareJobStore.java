package org.lwm2m4j.server.store.redis;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;

/** Firmware job statuses in this node's replica, written through to one key per endpoint without waiting (as in SQLite). */
final class RedisFirmwareJobStore implements FirmwareJobStore {
  private final InMemoryFirmwareJobStore memory;
  private final RedisWrites writes;

  RedisFirmwareJobStore(InMemoryFirmwareJobStore memory, RedisWrites writes) {
    this.memory = memory;
    this.writes = writes;
  }

  @Override
  public void put(FirmwareJobStatus status) {
    writes.change(ChangeKind.FIRMWARE_JOB, status.endpoint(), "", redis -> {
      memory.put(status);
      return new RedisWrites.Sent<>(null, List.<CompletionStage<?>>of(
          redis.set(RedisKeys.of(ChangeKind.FIRMWARE_JOB, status.endpoint()), ValueCodecs.firmwareJob(status))));
    });
  }

  /** Applies (or loads) what Redis holds for {@code endpoint}; a job is never removed. */
  void apply(String endpoint, String value) {
    memory.put(ValueCodecs.firmwareJob(endpoint, value));
  }

  @Override
  public Optional<FirmwareJobStatus> byEndpoint(String endpoint) {
    return memory.byEndpoint(endpoint);
  }

  @Override
  public List<FirmwareJobStatus> all() {
    return memory.all();
  }
}
