package org.lwm2m4j.server.store.sqlite;

import java.util.List;
import java.util.Optional;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;

/**
 * Firmware job statuses in memory, written behind to SQLite by endpoint without waiting: a change
 * lost in a crash is the job's last step, which the resumed job learns again from the device.
 */
final class SqliteFirmwareJobStore implements FirmwareJobStore {
  private final InMemoryFirmwareJobStore memory;
  private final FirmwareJobRows rows;
  private final WriteQueue writes;

  SqliteFirmwareJobStore(InMemoryFirmwareJobStore memory, FirmwareJobRows rows, WriteQueue writes) {
    this.memory = memory;
    this.rows = rows;
    this.writes = writes;
  }

  @Override
  public void put(FirmwareJobStatus status) {
    memory.put(status);
    writes.add(new Dirty<>(rows, status.endpoint()));
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
