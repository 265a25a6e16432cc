package org.lwm2m4j.core.codec.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.MODELS;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.hex;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.TestModels;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/** Encoder choices (smallest sizes, exact conversions) and the nodes it refuses. */
class TlvEncodingTest {
  private final TlvCodec codec = new TlvCodec();

  private String encode(String path, LwM2mNode node) {
    return hex(codec.encode(node, LwM2mPath.parse(path), MODELS));
  }

  private CodecException refused(String path, LwM2mNode node) {
    return assertThrows(CodecException.class, () -> codec.encode(node, LwM2mPath.parse(path), MODELS));
  }

  @Test
  void codecAnswersForTlvAndEveryPathButTheRoot() {
    assertThat(codec.format()).isEqualTo(ContentFormat.TLV);
    assertThat(ContentFormat.TLV_LEGACY.canonical()).isEqualTo(codec.format());
    assertThat(codec.supports(LwM2mPath.ROOT)).isFalse();
    assertThat(codec.supports(LwM2mPath.parse("/3"))).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/3/0/7/1"))).isTrue();
  }

  @Test
  void integersTakeTheSmallestOfOneTwoFourOrEightBytes() {
    assertThat(encode("/3/0/9", battery(127))).isEqualTo("C1 09 7F");
    assertThat(encode("/3/0/9", battery(128))).isEqualTo("C2 09 00 80");
    assertThat(encode("/3/0/9", battery(-1))).isEqualTo("C1 09 FF");
    assertThat(encode("/3/0/9", battery(-129))).isEqualTo("C2 09 FF 7F");
    assertThat(encode("/3/0/9", battery(32768))).isEqualTo("C4 09 00 00 80 00");
    assertThat(encode("/3/0/9", battery(1L << 31))).isEqualTo("C8 09 08 00 00 00 00 80 00 00 00");
    assertThat(encode("/3/0/9", battery(Long.MIN_VALUE))).isEqualTo("C8 09 08 80 00 00 00 00 00 00 00");
  }

  @Test
  void unsignedKeepsTheTopBitClearBelow2Pow63AndUsesEightBytesAbove() {
    assertThat(encode("/10001/0/1", counter(Value.ofUnsigned(127)))).isEqualTo("C1 01 7F");
    assertThat(encode("/10001/0/1", counter(Value.ofUnsigned(-1L)))).isEqualTo("C8 01 08 FF FF FF FF FF FF FF FF");
  }

  @Test
  void valuesOfAnotherNumericTypeAreConvertedWhenExact() {
    assertThat(encode("/3303/0/5700", SingleResource.of(5700, Value.ofInteger(3)))).isEqualTo("E4 16 44 40 40 00 00");
    assertThat(encode("/3303/0/5700", SingleResource.of(5700, Value.ofUnsigned(-2048L))))
        .isEqualTo("E8 16 44 08 43 EF FF FF FF FF FF FF");
    assertThat(encode("/3/0/9", battery(Value.ofFloat(100.0)))).isEqualTo("C1 09 64");
    assertThat(encode("/3/0/9", battery(Value.ofUnsigned(100)))).isEqualTo("C1 09 64");
    assertThat(encode("/3/0/13", SingleResource.of(13, Value.ofInteger(1_700_000_000)))).isEqualTo("C4 0D 65 53 F1 00");
    assertThat(encode("/3/0/9", battery(Value.ofTime(100)))).isEqualTo("C1 09 64");
    assertThat(encode("/10001/0/1", counter(Value.ofInteger(200)))).isEqualTo("C2 01 00 C8");
    assertThat(encode("/10001/0/1", counter(Value.ofFloat(0x1p63)))).isEqualTo("C8 01 08 80 00 00 00 00 00 00 00");
    assertThat(encode("/3/0/0", SingleResource.of(0, Value.ofCorelnk("</3/0>")))).isEqualTo("C6 00 3C 2F 33 2F 30 3E");
  }

  @Test
  void conversionsThatWouldLoseInformationAreRefused() {
    assertThat(refused("/3/0/9", battery(Value.ofFloat(2.5))).getMessage())
        .contains("value for /3/0/9 is Float 2.5 but the resource is Integer");
    assertThat(refused("/3/0/9", battery(Value.ofFloat(0x1p63))).getMessage()).contains("/3/0/9");
    assertThat(refused("/3/0/9", battery(Value.ofUnsigned(-1L))).getMessage()).contains("Unsigned Integer 18446744073709551615");
    assertThat(refused("/10001/0/1", counter(Value.ofInteger(-1))).getMessage()).contains("Integer -1");
    assertThat(refused("/3303/0/5700", SingleResource.of(5700, Value.ofInteger((1L << 53) + 1))).getMessage())
        .contains("resource is Float");
    assertThat(refused("/3303/0/5700", SingleResource.of(5700, Value.ofInteger(Long.MAX_VALUE))).getMessage())
        .contains("resource is Float");
    assertThat(refused("/3303/0/5700", SingleResource.of(5700, Value.ofUnsigned(-1L))).getMessage())
        .contains("resource is Float");
    assertThat(refused("/3/0/9", battery(Value.of("100"))).getMessage()).contains("is String 100");
    assertThat(refused("/1/0/6", SingleResource.of(6, Value.ofInteger(1))).getMessage()).contains("resource is Boolean");
    assertThat(refused("/5/0/0", SingleResource.of(0, Value.of("abc"))).getMessage()).contains("resource is Opaque");
    assertThat(refused("/66/0/2", SingleResource.of(2, Value.of("66:0"))).getMessage()).contains("resource is Objlnk");
  }

  @Test
  void executableResourcesHaveNoValueToEncode() {
    assertThat(refused("/3/0/4", SingleResource.of(4, Value.none())).getMessage())
        .contains("/3/0/4 (Reboot) is executable");
  }

  @Test
  void resourceShapeMustMatchTheModel() {
    assertThat(refused("/3/0/7", SingleResource.of(7, Value.ofInteger(1))).getMessage())
        .contains("/3/0/7 (Power Source Voltage) is multiple-instance");
    assertThat(refused("/3/0/9", integers(9, 0, 1)).getMessage()).contains("/3/0/9 (Battery Level) is single-instance");
    assertThat(refused("/3/0/9/0", LwM2mResourceInstance.of(0, Value.ofInteger(1))).getMessage())
        .contains("/3/0/9/0 names no resource instance");
  }

  @Test
  void unknownResourcesAndObjectsAreRefused() {
    assertThat(refused("/3/0", LwM2mObjectInstance.of(0, SingleResource.of(99, Value.ofInteger(1)))).getMessage())
        .contains("object 3 (Device) has no resource 99");
    assertThat(refused("/4242/0/0", SingleResource.of(0, Value.ofInteger(1))).getMessage())
        .contains("no model for object 4242");
  }

  @Test
  void nodeMustMatchThePathLevelAndId() {
    assertThrows(CodecException.class, () -> codec.encode(battery(1), LwM2mPath.parse("/3/0"), MODELS));
    assertThrows(CodecException.class, () -> codec.encode(battery(1), LwM2mPath.parse("/3/0/10"), MODELS));
    assertThrows(CodecException.class, () -> codec.encode(battery(1), LwM2mPath.ROOT, MODELS));
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    assertThat(refused("/3/0/0", SingleResource.of(0, Value.of("a\uD800b"))).getMessage())
        .contains("string value of /3/0/0 is not valid Unicode");
  }

  @Test
  void nonAsciiStringsAreWrittenAsUtf8WithTheirByteLength() {
    assertThat(encode("/3/0/14", SingleResource.of(14, Value.of("é€😀")))).isEqualTo("C8 0E 09 C3 A9 E2 82 AC F0 9F 98 80");
  }

  @Test
  void containerLengthsUseTheSmallestField() {
    // The instance's value is the Opaque resource TLV: its 2..5-byte header plus the bytes.
    assertThat(containerHeader(1)).isEqualTo("03 00");
    assertThat(containerHeader(5)).isEqualTo("07 00");
    assertThat(containerHeader(6)).isEqualTo("08 00 08");
    assertThat(containerHeader(252)).isEqualTo("08 00 FF");
    assertThat(containerHeader(253)).isEqualTo("10 00 01 00");
    assertThat(containerHeader(70_000)).isEqualTo("18 00 01 11 75");
  }

  /** The Object Instance header around one Opaque resource of {@code length} bytes at /5. */
  private String containerHeader(int length) {
    LwM2mObject object = LwM2mObject.of(5, LwM2mObjectInstance.of(0, SingleResource.of(0, OpaqueValue.wrap(new byte[length]))));
    byte[] encoded = codec.encode(object, LwM2mPath.parse("/5"), MODELS);
    int headerLength = encoded.length - length - opaqueHeaderLength(length);
    byte[] decodedBack = ((OpaqueValue) ((SingleResource) ((LwM2mObject) codec.decode(encoded, LwM2mPath.parse("/5"), MODELS))
        .instances().get(0).resources().get(0)).value()).bytesUnsafe();
    assertThat(decodedBack).hasSize(length);
    return hex(Arrays.copyOf(encoded, headerLength));
  }

  private static int opaqueHeaderLength(int length) {
    return length <= 7 ? 2 : length <= 255 ? 3 : length <= 65535 ? 4 : 5;
  }

  @Test
  void multipleResourceWithSixteenBitIdsAndLongContentRoundTrips() {
    List<LwM2mResourceInstance> instances = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      instances.add(LwM2mResourceInstance.of(250 + i * 7, Value.ofInteger(i * 1_000_003L)));
    }
    MultipleResource acl = new MultipleResource(2, ResourceType.INTEGER, instances);
    LwM2mObject object = LwM2mObject.of(2, new LwM2mObjectInstance(400, List.of(acl)));
    byte[] encoded = codec.encode(object, LwM2mPath.parse("/2"), MODELS);
    assertThat(hex(Arrays.copyOf(encoded, 3))).isEqualTo("30 01 90"); // 16-bit id 400, 16-bit length
    assertThat(codec.decode(encoded, LwM2mPath.parse("/2"), MODELS)).isEqualTo(object);
  }

  @Test
  void everyTypeRoundTripsThroughSingleAndMultipleResources() {
    List<LwM2mResource> resources = new ArrayList<>();
    for (ResourceType type : ResourceType.values()) {
      if (type == ResourceType.NONE) {
        continue;
      }
      List<Value> samples = samples(type);
      int singleId = 2 * type.ordinal();
      resources.add(SingleResource.of(singleId, samples.get(0)));
      List<LwM2mResourceInstance> instances = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        instances.add(LwM2mResourceInstance.of(i == samples.size() - 1 ? 65534 : i, samples.get(i)));
      }
      resources.add(new MultipleResource(singleId + 1, type, instances));
    }
    LwM2mObject object = new LwM2mObject(9999, List.of(new LwM2mObjectInstance(65534, resources)));
    LwM2mPath path = LwM2mPath.parse("/9999");
    assertThat(TestModels.ALL_TYPES.resource(2 * ResourceType.CORELNK.ordinal()).orElseThrow().type())
        .isEqualTo(ResourceType.CORELNK);
    byte[] encoded = codec.encode(object, path, MODELS);
    assertThat(codec.decode(encoded, path, MODELS)).isEqualTo(object);
    assertThat(codec.encode(codec.decode(encoded, path, MODELS), path, MODELS)).isEqualTo(encoded);
  }

  private static List<Value> samples(ResourceType type) {
    return switch (type) {
      case STRING -> List.of(Value.of("Open Mobile Alliance"), Value.of(""), Value.of("ünïcødé 😀"), Value.of("x".repeat(300)));
      case INTEGER -> List.of(Value.ofInteger(0), Value.ofInteger(Long.MIN_VALUE), Value.ofInteger(Long.MAX_VALUE),
          Value.ofInteger(-32769), Value.ofInteger(Integer.MIN_VALUE));
      case UNSIGNED_INTEGER -> List.of(Value.ofUnsigned(0), Value.ofUnsigned(255), Value.ofUnsigned(Long.MAX_VALUE),
          Value.ofUnsigned(Long.MIN_VALUE), Value.ofUnsigned(-1L));
      case FLOAT -> List.of(Value.ofFloat(22.5), Value.ofFloat(0.1), Value.ofFloat(-0.0), Value.ofFloat(Double.NaN),
          Value.ofFloat(Double.NEGATIVE_INFINITY), Value.ofFloat(Double.MIN_VALUE), Value.ofFloat(Float.MAX_VALUE));
      case BOOLEAN -> List.of(Value.of(true), Value.of(false));
      case OPAQUE -> List.of(Value.of(new byte[] {1, 2, 3, 4, 5}), Value.of(new byte[0]), Value.of(new byte[256]));
      case TIME -> List.of(Value.ofTime(1_367_491_215), Value.ofTime(-1), Value.ofTime(0));
      case OBJLNK -> List.of(Value.ofObjlnk(66, 0), ObjlnkValue.NULL, Value.ofObjlnk(65535, 0));
      case CORELNK -> List.of(Value.ofCorelnk("</3/0>,</1/0>;ssid=101"), Value.ofCorelnk(""));
      case NONE -> List.of();
    };
  }

  private static SingleResource battery(long level) {
    return SingleResource.of(9, Value.ofInteger(level));
  }

  private static SingleResource battery(Value value) {
    return SingleResource.of(9, value);
  }

  private static SingleResource counter(Value value) {
    return SingleResource.of(1, value);
  }
}
