package org.lwm2m4j.server.firmware;

/**
 * Hears the firmware repository change: an image added (uploaded, by the REST API or in code) or
 * removed, on the service's event thread, in order. Uploading bytes the repository already holds
 * adds nothing, so it is not heard.
 */
public interface FirmwareImageListener {
  void added(FirmwareImage image);

  void removed(FirmwareImage image);
}
