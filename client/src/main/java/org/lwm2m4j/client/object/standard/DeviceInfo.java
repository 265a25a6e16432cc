package org.lwm2m4j.client.object.standard;

import java.util.Objects;

/**
 * The fixed facts a Device object (3) reports: resources 0–3 and 17–19. An empty string leaves its
 * resource out of the instance (all of them are optional).
 *
 * @param manufacturer Manufacturer (0)
 * @param modelNumber Model Number (1)
 * @param serialNumber Serial Number (2)
 * @param firmwareVersion Firmware Version (3)
 * @param deviceType Device Type (17), e.g. "smart meter"
 * @param hardwareVersion Hardware Version (18)
 * @param softwareVersion Software Version (19)
 */
public record DeviceInfo(String manufacturer, String modelNumber, String serialNumber, String firmwareVersion,
    String deviceType, String hardwareVersion, String softwareVersion) {

  public DeviceInfo {
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(modelNumber, "modelNumber");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(deviceType, "deviceType");
    Objects.requireNonNull(hardwareVersion, "hardwareVersion");
    Objects.requireNonNull(softwareVersion, "softwareVersion");
  }
}
