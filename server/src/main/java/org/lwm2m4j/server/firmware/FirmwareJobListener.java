package org.lwm2m4j.server.firmware;

/** Hears every change of every firmware update job, on the service's event thread, in order. */
@FunctionalInterface
public interface FirmwareJobListener {
  void changed(FirmwareJobStatus status);
}
