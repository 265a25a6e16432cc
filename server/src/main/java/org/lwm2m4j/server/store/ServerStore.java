package org.lwm2m4j.server.store;

import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.SecurityStore;

/**
 * Everything an LwM2M server keeps that must outlive a restart, from one persistent backend:
 * registrations, observations (with their tokens, so clients' notifications keep arriving),
 * security credentials and firmware update jobs. Hand it to {@code LwM2mServerBuilder.store}; close it after the server.
 */
public interface ServerStore extends AutoCloseable {
  RegistrationStore registrations();

  ObservationStore observations();

  SecurityStore security();

  /** Each endpoint's last firmware update job, so updates are followed across a restart. */
  FirmwareJobStore firmwareJobs();

  /** Tells {@code listener} about every batch of writes committed from now on. */
  void addWriteListener(StoreWriteListener listener);

  /** Writes what is still pending and releases the backend. */
  @Override
  void close();
}
