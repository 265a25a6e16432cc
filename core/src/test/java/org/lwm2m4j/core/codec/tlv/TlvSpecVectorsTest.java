package org.lwm2m4j.core.codec.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.DEVICE_INSTANCE_HEX;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.MODELS;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.deviceInstance;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.hex;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.integers;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/** The worked examples of data-formats.md §3, byte for byte, in both directions. */
class TlvSpecVectorsTest {
  private final TlvCodec codec = new TlvCodec();

  static Stream<Arguments> specVectors() {
    return Stream.of(
        vector("/3/0/0 String of 20 bytes, 8-bit length", "/3/0/0",
            SingleResource.of(0, Value.of("Open Mobile Alliance")),
            "C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65"),
        vector("String of 7 bytes, length in the type byte", "/3/0/1",
            SingleResource.of(1, Value.of("abcdefg")), "C7 01 61 62 63 64 65 66 67"),
        vector("String of 8 bytes, 8-bit length", "/3/0/1",
            SingleResource.of(1, Value.of("abcdefgh")), "C8 01 08 61 62 63 64 65 66 67 68"),
        vector("empty String", "/3/0/1", SingleResource.of(1, Value.of("")), "C0 01"),
        vector("Lifetime 86400, 4-byte Integer", "/1/0/1",
            SingleResource.of(1, Value.ofInteger(86400)), "C4 01 00 01 51 80"),
        vector("Boolean true", "/1/0/6", SingleResource.of(6, Value.of(true)), "C1 06 01"),
        vector("Integer -750, 2-byte two's complement", "/1/0/2",
            SingleResource.of(2, Value.ofInteger(-750)), "C2 02 FD 12"),
        vector("Unsigned 200 in 2 bytes so the top bit stays clear", "/10001/0/1",
            SingleResource.of(1, Value.ofUnsigned(200)), "C2 01 00 C8"),
        vector("Time 1700000000", "/3/0/13", SingleResource.of(13, Value.ofTime(1_700_000_000)),
            "C4 0D 65 53 F1 00"),
        vector("Float 22.5 as binary32, 16-bit id 5700", "/3303/0/5700",
            SingleResource.of(5700, Value.ofFloat(22.5)), "E4 16 44 41 B4 00 00"),
        vector("String \"Kitchen T1\", 16-bit id 5750", "/3303/0/5750",
            SingleResource.of(5750, Value.of("Kitchen T1")), "E8 16 76 0A 4B 69 74 63 68 65 6E 20 54 31"),
        vector("Objlnk 66:0", "/66/0/2", SingleResource.of(2, Value.ofObjlnk(66, 0)), "C4 02 00 42 00 00"),
        vector("Objlnk null", "/66/0/2", SingleResource.of(2, ObjlnkValue.NULL), "C4 02 FF FF FF FF"),
        vector("/3/0/7 multiple resource {0: 3800, 1: 5000}", "/3/0/7",
            integers(7, 0, 3800, 1, 5000), "88 07 08 42 00 0E D8 42 01 13 88"),
        vector("empty multiple resource is still kind 10", "/3/0/11", integers(11), "80 0B"),
        vector("multiple resource with one instance is still kind 10", "/3/0/11", integers(11, 0, 0),
            "83 0B 41 00 00"),
        vector("/3/0/7/1 lone Resource Instance TLV", "/3/0/7/1",
            LwM2mResourceInstance.of(1, Value.ofInteger(5000)), "42 01 13 88"),
        vector("ACL resource instance with 16-bit id 310", "/2/0/2/310",
            LwM2mResourceInstance.of(310, Value.ofInteger(1)), "61 01 36 01"),
        vector("ACL multiple resource mixing 8- and 16-bit instance ids", "/2/0/2",
            integers(2, 127, 7, 310, 1), "87 02 41 7F 07 61 01 36 01"),
        vector("/1 read, one instance (corrected inner length 0x0F)", "/1",
            LwM2mObject.of(1, serverInstance(0)),
            "08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55"),
        vector("/1 read, instance id 300 needs a 16-bit id", "/1",
            LwM2mObject.of(1, serverInstance(300)),
            "28 01 2C 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55"),
        vector("Create /1 with server-chosen id 1", "/1",
            LwM2mObject.of(1, createdServer(1)),
            "08 01 0D C1 00 02 C2 01 01 2C C1 06 00 C1 07 55"),
        vector("Create /1 with client-chosen id: bare resources, decoded at the id the client picks", "/1/7",
            createdServer(7), "C1 00 02 C2 01 01 2C C1 06 00 C1 07 55"),
        vector("Read /3/0, the 121-byte Device example", "/3/0", deviceInstance(), DEVICE_INSTANCE_HEX),
        vector("Read /3, the Device example in an Object Instance TLV", "/3",
            LwM2mObject.of(3, deviceInstance()), "08 00 79" + DEVICE_INSTANCE_HEX));
  }

  private static Arguments vector(String what, String path, LwM2mNode node, String hex) {
    return Arguments.of(what, LwM2mPath.parse(path), node, hex);
  }

  private static LwM2mObjectInstance serverInstance(int id) {
    return LwM2mObjectInstance.of(id,
        SingleResource.of(0, Value.ofInteger(1)),
        SingleResource.of(1, Value.ofInteger(86400)),
        SingleResource.of(6, Value.of(true)),
        SingleResource.of(7, Value.of("U")));
  }

  private static LwM2mObjectInstance createdServer(int id) {
    return LwM2mObjectInstance.of(id,
        SingleResource.of(0, Value.ofInteger(2)),
        SingleResource.of(1, Value.ofInteger(300)),
        SingleResource.of(6, Value.of(false)),
        SingleResource.of(7, Value.of("U")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specVectors")
  void encodesSpecVector(String what, LwM2mPath path, LwM2mNode node, String hex) {
    assertThat(hex(codec.encode(node, path, MODELS))).isEqualTo(hex(hex(hex)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specVectors")
  void decodesSpecVector(String what, LwM2mPath path, LwM2mNode node, String hex) {
    assertThat(codec.decode(hex(hex), path, MODELS)).isEqualTo(node);
  }

  @Test
  void deviceVectorsHaveTheirDocumentedSizes() {
    assertThat(hex(DEVICE_INSTANCE_HEX)).hasSize(121);
    assertThat(codec.encode(LwM2mObject.of(3, deviceInstance()), LwM2mPath.parse("/3"), MODELS)).hasSize(124);
  }

  @Test
  void instancePathAcceptsTheResourcesWrappedInAnObjectInstanceTlvWithTheSameId() {
    assertThat(codec.decode(hex("08 00 79" + DEVICE_INSTANCE_HEX), LwM2mPath.parse("/3/0"), MODELS))
        .isEqualTo(deviceInstance());
    assertThat(codec.decode(hex("28 01 2C 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55"),
        LwM2mPath.parse("/1/300"), MODELS))
        .isEqualTo(serverInstance(300));
  }

  @Test
  void float64VectorDecodesAndFloat32IsPreferredWhenExact() {
    LwM2mPath path = LwM2mPath.parse("/3303/0/5700");
    assertThat(codec.decode(hex("E8 16 44 08 40 36 80 00 00 00 00 00"), path, MODELS))
        .isEqualTo(SingleResource.of(5700, Value.ofFloat(22.5)));
    assertThat(hex(codec.encode(SingleResource.of(5700, Value.ofFloat(0.1)), path, MODELS)))
        .isEqualTo("E8 16 44 08 3F B9 99 99 99 99 99 9A");
  }

  @Test
  void opaqueOf300BytesUsesA16BitLengthField() {
    byte[] data = pattern(300);
    byte[] encoded = codec.encode(SingleResource.of(0, OpaqueValue.wrap(data)), LwM2mPath.parse("/5/0/0"), MODELS);
    assertThat(hex(Arrays.copyOf(encoded, 4))).isEqualTo("D0 00 01 2C");
    assertThat(Arrays.copyOfRange(encoded, 4, encoded.length)).isEqualTo(data);
    assertThat(codec.decode(encoded, LwM2mPath.parse("/5/0/0"), MODELS))
        .isEqualTo(SingleResource.of(0, OpaqueValue.wrap(data)));
  }

  @Test
  void opaqueOf70000BytesUsesA24BitLengthField() {
    byte[] data = pattern(70_000);
    byte[] encoded = codec.encode(SingleResource.of(0, OpaqueValue.wrap(data)), LwM2mPath.parse("/5/0/0"), MODELS);
    assertThat(hex(Arrays.copyOf(encoded, 5))).isEqualTo("D8 00 01 11 70");
    assertThat(encoded).hasSize(70_005);
    assertThat(codec.decode(encoded, LwM2mPath.parse("/5/0/0"), MODELS))
        .isEqualTo(SingleResource.of(0, OpaqueValue.wrap(data)));
  }

  private static byte[] pattern(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    return data;
  }
}
