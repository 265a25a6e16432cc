package org.lwm2m4j.client.object.firmware;

/**
 * What the device does with a firmware package: check it once downloaded, and install it when the
 * server executes Update. Each answers an Update Result code (1 success, 2 not enough flash, 3 out
 * of RAM, 5 integrity check failure, 6 unsupported package type, 8 update failed).
 */
public interface FirmwareUpdater {
  /** Checks a downloaded package; 0 (or 1) accepts it, another result code refuses it. */
  int verify(byte[] firmwarePackage);

  /** Installs the package; 1 for success, else the failure's result code. */
  int install(byte[] firmwarePackage);
}
