package org.lwm2m4j.core.codec.tlv;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.Operations;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/** Models and payloads shared by the TLV tests. */
final class TlvFixtures {
  private TlvFixtures() {}

  /**
   * An object with an Unsigned Integer resource 1, for the spec's "Unsigned 200, id 1" row
   * (no object in {@link TestModels} has an unsigned resource with that id).
   */
  static final ObjectModel UNSIGNED_EXAMPLE = new ObjectModel(10_001, "Unsigned example", "", Version.V1_0,
      Version.V1_1, "", true, false,
      List.of(ResourceModel.of(1, "Counter", Operations.R, false, false, ResourceType.UNSIGNED_INTEGER)));

  /** {@link TestModels#ALL} plus {@link #UNSIGNED_EXAMPLE}. */
  static final ModelLookup MODELS = lookup();

  private static ModelLookup lookup() {
    List<ObjectModel> all = new ArrayList<>(TestModels.ALL);
    all.add(UNSIGNED_EXAMPLE);
    return TestModels.lookup(all);
  }

  /** The spec's Read /3/0 example, corrected: 121 bytes. */
  static final String DEVICE_INSTANCE_HEX = ""
      + "C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65"
      + "C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74"
      + "C8 02 09 33 34 35 30 30 30 31 32 33"
      + "C3 03 31 2E 30"
      + "86 06 41 00 01 41 01 05"
      + "88 07 08 42 00 0E D8 42 01 13 88"
      + "87 08 41 00 7D 42 01 03 84"
      + "C1 09 64"
      + "C1 0A 0F"
      + "83 0B 41 00 00"
      + "C4 0D 51 82 42 8F"
      + "C6 0E 2B 30 32 3A 30 30"
      + "C1 10 55";

  /** The node the Device vector holds. */
  static LwM2mObjectInstance deviceInstance() {
    return LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("Open Mobile Alliance")),
        SingleResource.of(1, Value.of("Lightweight M2M Client")),
        SingleResource.of(2, Value.of("345000123")),
        SingleResource.of(3, Value.of("1.0")),
        integers(6, 0, 1, 1, 5),
        integers(7, 0, 3800, 1, 5000),
        integers(8, 0, 125, 1, 900),
        SingleResource.of(9, Value.ofInteger(100)),
        SingleResource.of(10, Value.ofInteger(15)),
        integers(11, 0, 0),
        SingleResource.of(13, Value.ofTime(1367491215)),
        SingleResource.of(14, Value.of("+02:00")),
        SingleResource.of(16, Value.of("U")));
  }

  /** A multiple Integer resource from (instance id, value) pairs. */
  static MultipleResource integers(int id, long... idValuePairs) {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (int i = 0; i < idValuePairs.length; i += 2) {
      instances.add(LwM2mResourceInstance.of((int) idValuePairs[i], Value.ofInteger(idValuePairs[i + 1])));
    }
    return new MultipleResource(id, ResourceType.INTEGER, instances);
  }

  /** Bytes from hex text; blanks are ignored. */
  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  /** {@code "C1 09 64"}, for readable assertion messages. */
  static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }
}
