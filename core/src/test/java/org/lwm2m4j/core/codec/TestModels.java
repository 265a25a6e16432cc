package org.lwm2m4j.core.codec;

import static org.lwm2m4j.core.model.Operations.E;
import static org.lwm2m4j.core.model.Operations.NONE;
import static org.lwm2m4j.core.model.Operations.R;
import static org.lwm2m4j.core.model.Operations.RW;
import static org.lwm2m4j.core.model.Operations.W;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.model.Version;

/**
 * Hand-written models for codec tests, independent of the DDF loader: Security (0, subset),
 * Server (1), Access Control (2), Device (3), Firmware Update (5, subset), Temperature (3303), the
 * spec's object-link example objects 65/66, and a test object 9999 with one single and one
 * multiple resource of every type.
 */
public final class TestModels {
  private TestModels() {}

  public static final ObjectModel SECURITY = object(0, "LwM2M Security", true, List.of(
      res(0, "LwM2M Server URI", NONE, false, ResourceType.STRING),
      res(1, "Bootstrap-Server", NONE, false, ResourceType.BOOLEAN),
      res(2, "Security Mode", NONE, false, ResourceType.INTEGER),
      res(3, "Public Key or Identity", NONE, false, ResourceType.OPAQUE),
      res(4, "Server Public Key", NONE, false, ResourceType.OPAQUE),
      res(5, "Secret Key", NONE, false, ResourceType.OPAQUE),
      res(10, "Short Server ID", NONE, false, ResourceType.INTEGER)));

  public static final ObjectModel SERVER = object(1, "LwM2M Server", true, List.of(
      res(0, "Short Server ID", R, false, ResourceType.INTEGER),
      res(1, "Lifetime", RW, false, ResourceType.INTEGER),
      res(2, "Default Minimum Period", RW, false, ResourceType.INTEGER),
      res(3, "Default Maximum Period", RW, false, ResourceType.INTEGER),
      res(4, "Disable", E, false, ResourceType.NONE),
      res(5, "Disable Timeout", RW, false, ResourceType.INTEGER),
      res(6, "Notification Storing When Disabled or Offline", RW, false, ResourceType.BOOLEAN),
      res(7, "Binding", RW, false, ResourceType.STRING),
      res(8, "Registration Update Trigger", E, false, ResourceType.NONE)));

  public static final ObjectModel ACCESS_CONTROL = object(2, "LwM2M Access Control", true, List.of(
      res(0, "Object ID", R, false, ResourceType.INTEGER),
      res(1, "Object Instance ID", R, false, ResourceType.INTEGER),
      res(2, "ACL", RW, true, ResourceType.INTEGER),
      res(3, "Access Control Owner", RW, false, ResourceType.INTEGER)));

  public static final ObjectModel DEVICE = object(3, "Device", false, List.of(
      res(0, "Manufacturer", R, false, ResourceType.STRING),
      res(1, "Model Number", R, false, ResourceType.STRING),
      res(2, "Serial Number", R, false, ResourceType.STRING),
      res(3, "Firmware Version", R, false, ResourceType.STRING),
      res(4, "Reboot", E, false, ResourceType.NONE),
      res(5, "Factory Reset", E, false, ResourceType.NONE),
      res(6, "Available Power Sources", R, true, ResourceType.INTEGER),
      res(7, "Power Source Voltage", R, true, ResourceType.INTEGER),
      res(8, "Power Source Current", R, true, ResourceType.INTEGER),
      res(9, "Battery Level", R, false, ResourceType.INTEGER),
      res(10, "Memory Free", R, false, ResourceType.INTEGER),
      res(11, "Error Code", R, true, ResourceType.INTEGER),
      res(12, "Reset Error Code", E, false, ResourceType.NONE),
      res(13, "Current Time", RW, false, ResourceType.TIME),
      res(14, "UTC Offset", RW, false, ResourceType.STRING),
      res(15, "Timezone", RW, false, ResourceType.STRING),
      res(16, "Supported Binding and Modes", R, false, ResourceType.STRING),
      res(17, "Device Type", R, false, ResourceType.STRING),
      res(18, "Hardware Version", R, false, ResourceType.STRING),
      res(19, "Software Version", R, false, ResourceType.STRING),
      res(20, "Battery Status", R, false, ResourceType.INTEGER),
      res(21, "Memory Total", R, false, ResourceType.INTEGER),
      res(22, "ExtDevInfo", R, true, ResourceType.OBJLNK)));

  public static final ObjectModel FIRMWARE = object(5, "Firmware Update", false, List.of(
      res(0, "Package", W, false, ResourceType.OPAQUE),
      res(1, "Package URI", RW, false, ResourceType.STRING),
      res(2, "Update", E, false, ResourceType.NONE),
      res(3, "State", R, false, ResourceType.INTEGER),
      res(5, "Update Result", R, false, ResourceType.INTEGER)));

  public static final ObjectModel TEMPERATURE = object(3303, "Temperature", true, List.of(
      res(5601, "Min Measured Value", R, false, ResourceType.FLOAT),
      res(5602, "Max Measured Value", R, false, ResourceType.FLOAT),
      res(5700, "Sensor Value", R, false, ResourceType.FLOAT),
      res(5701, "Sensor Units", R, false, ResourceType.STRING),
      res(5750, "Application Type", RW, false, ResourceType.STRING)));

  /** The spec's object-link example: /65/0/0 links to /66 instances. */
  public static final ObjectModel LINKS_65 = object(65, "Link example 65", true, List.of(
      res(0, "Links", RW, true, ResourceType.OBJLNK),
      res(1, "Name", RW, false, ResourceType.STRING),
      res(2, "Count", RW, false, ResourceType.INTEGER)));

  public static final ObjectModel LINKS_66 = object(66, "Link example 66", true, List.of(
      res(0, "Service", RW, false, ResourceType.STRING),
      res(1, "Count", RW, false, ResourceType.INTEGER),
      res(2, "Next", RW, false, ResourceType.OBJLNK)));

  /** Resource {@code 2*k} is a single resource and {@code 2*k+1} a multiple one, for each type k in declaration order. */
  public static final ObjectModel ALL_TYPES = allTypes();

  public static final List<ObjectModel> ALL =
      List.of(SECURITY, SERVER, ACCESS_CONTROL, DEVICE, FIRMWARE, TEMPERATURE, LINKS_65, LINKS_66, ALL_TYPES);

  /** A lookup over {@link #ALL}. */
  public static final ModelLookup LOOKUP = lookup(ALL);

  public static ModelLookup lookup(List<ObjectModel> models) {
    Map<Integer, ObjectModel> byId = new java.util.HashMap<>();
    for (ObjectModel m : models) {
      byId.put(m.id(), m);
    }
    return id -> Optional.ofNullable(byId.get(id));
  }

  private static ObjectModel allTypes() {
    List<ResourceModel> resources = new java.util.ArrayList<>();
    int k = 0;
    for (ResourceType type : ResourceType.values()) {
      if (type == ResourceType.NONE) {
        resources.add(res(2 * k, "Execute", E, false, type));
      } else {
        resources.add(res(2 * k, type.ddfName() + " single", RW, false, type));
        resources.add(res(2 * k + 1, type.ddfName() + " multiple", RW, true, type));
      }
      k++;
    }
    return object(9999, "All Types", true, resources);
  }

  private static ObjectModel object(int id, String name, boolean multiple, List<ResourceModel> resources) {
    return new ObjectModel(id, name, "", Version.V1_0, Version.V1_0, "", multiple, false, resources);
  }

  private static ResourceModel res(int id, String name, org.lwm2m4j.core.model.Operations ops, boolean multiple, ResourceType type) {
    return ResourceModel.of(id, name, ops, multiple, false, type);
  }
}
