package org.lwm2m4j.core.codec.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class LwM2mCborCodecTest {
  private final LwM2mCborCodec codec = new LwM2mCborCodec();

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  private static final String OMA = "74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65";

  private static MultipleResource ints(int id, long... values) {
    LwM2mResourceInstance[] instances = new LwM2mResourceInstance[values.length];
    for (int i = 0; i < values.length; i++) {
      instances[i] = LwM2mResourceInstance.of(i, Value.ofInteger(values[i]));
    }
    return MultipleResource.of(id, ResourceType.INTEGER, instances);
  }

  @Test
  void singleResourceVector() {
    String vector = "A1 83 03 00 00 " + OMA;
    SingleResource manufacturer = SingleResource.of(0, Value.of("Open Mobile Alliance"));
    assertThat(hex(codec.encode(manufacturer, LwM2mPath.of(3, 0, 0), LOOKUP))).isEqualTo(vector);
    assertThat(hex(vector).length).isEqualTo(26);
    assertThat(codec.decode(hex(vector), LwM2mPath.of(3, 0, 0), LOOKUP)).isEqualTo(manufacturer);
    assertThat(codec.decode(hex("A1 03 A1 00 A1 00 " + OMA), LwM2mPath.of(3, 0, 0), LOOKUP)).isEqualTo(manufacturer);
  }

  @Test
  void multipleResourceVector() {
    String vector = "A1 83 03 00 06 A2 00 01 01 05";
    assertThat(hex(codec.encode(ints(6, 1, 5), LwM2mPath.of(3, 0, 6), LOOKUP))).isEqualTo(vector);
    assertThat(codec.decode(hex(vector), LwM2mPath.of(3, 0, 6), LOOKUP)).isEqualTo(ints(6, 1, 5));
  }

  @Test
  void deviceInstanceExampleIs118Bytes() {
    LwM2mObjectInstance device = LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("Open Mobile Alliance")),
        SingleResource.of(1, Value.of("Lightweight M2M Client")),
        SingleResource.of(2, Value.of("345000123")),
        SingleResource.of(3, Value.of("1.0")),
        ints(6, 1, 5), ints(7, 3800, 5000), ints(8, 125, 900),
        SingleResource.of(9, Value.ofInteger(100)), SingleResource.of(10, Value.ofInteger(15)), ints(11, 0),
        SingleResource.of(13, Value.ofTime(1367491215)), SingleResource.of(14, Value.of("+02:00")),
        SingleResource.of(16, Value.of("U")));
    byte[] payload = codec.encode(device, LwM2mPath.of(3, 0), LOOKUP);
    assertThat(payload).hasSize(118);
    assertThat(hex(payload)).startsWith("A1 82 03 00 AD 00 " + OMA);
    assertThat(codec.decode(payload, LwM2mPath.of(3, 0), LOOKUP)).isEqualTo(device);
  }

  @Test
  void serverObjectExampleIs63BytesWithAPlainObjectKey() {
    LwM2mObject servers = LwM2mObject.of(1, server(0, 101, true), server(1, 102, false));
    byte[] payload = codec.encode(servers, LwM2mPath.of(1), LOOKUP);
    assertThat(payload).hasSize(63);
    assertThat(hex(payload)).startsWith("A1 01 A2 00 A7 00 18 65 01 1A 00 01 51 80 02 19 01 2C 03 19 17 70");
    assertThat(codec.decode(payload, LwM2mPath.of(1), LOOKUP)).isEqualTo(servers);
  }

  private static LwM2mObjectInstance server(int id, long ssid, boolean storing) {
    return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.ofInteger(ssid)),
        SingleResource.of(1, Value.ofInteger(86400)), SingleResource.of(2, Value.ofInteger(300)),
        SingleResource.of(3, Value.ofInteger(6000)), SingleResource.of(5, Value.ofInteger(86400)),
        SingleResource.of(6, Value.of(storing)), SingleResource.of(7, Value.of("U")));
  }

  @Test
  void compositeExampleIs39BytesGroupedByInstance() {
    Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
    nodes.put(LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("Open Mobile Alliance")));
    nodes.put(LwM2mPath.of(3, 0, 9), SingleResource.of(9, Value.ofInteger(100)));
    nodes.put(LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.ofInteger(86400)));
    byte[] payload = codec.encodeNodes(nodes, LOOKUP);
    assertThat(hex(payload)).isEqualTo("A2 82 03 00 A2 00 " + OMA + " 09 18 64 83 01 00 01 1A 00 01 51 80");
    assertThat(payload).hasSize(39);
    assertThat(codec.decodeNodes(payload, List.copyOf(nodes.keySet()), LOOKUP)).isEqualTo(nodes);
  }

  @Test
  void computedVectorsFromTheDigest() {
    LwM2mObjectInstance open = LwM2mObjectInstance.of(0, SingleResource.of(0, Value.of("Open")), SingleResource.of(9, Value.ofInteger(100)));
    assertThat(codec.decode(hex("A1 03 A1 00 A2 00 64 4F 70 65 6E 09 18 64"), LwM2mPath.of(3, 0), LOOKUP)).isEqualTo(open);
    assertThat(hex(codec.encode(open, LwM2mPath.of(3, 0), LOOKUP))).isEqualTo("A1 82 03 00 A2 00 64 4F 70 65 6E 09 18 64");
    assertThat(codec.decode(hex("A1 03 A1 00 A1 07 A2 00 19 0E D8 01 19 13 88"), LwM2mPath.of(3, 0, 7), LOOKUP))
        .isEqualTo(ints(7, 3800, 5000));
  }

  @Test
  void acceptsMixedKeysIndefiniteItemsHalfFloatsAndDecimalFractions() {
    // {[3303]: {[0, 5700]: half 22.5}, [3303, 0, 5701]: "Cel"} with an indefinite outer map and key array
    byte[] mixed = hex("BF 9F 19 0C E7 FF A1 82 00 19 16 44 F9 4D A0 83 19 0C E7 00 19 16 45 63 43 65 6C FF");
    LwM2mObjectInstance temperature = LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(22.5)),
        SingleResource.of(5701, Value.of("Cel")));
    assertThat(codec.decode(mixed, LwM2mPath.of(3303, 0), LOOKUP)).isEqualTo(temperature);
    byte[] decimal = hex("A1 83 19 0C E7 00 19 16 44 C4 82 20 18 E1");
    assertThat(codec.decode(decimal, LwM2mPath.of(3303, 0, 5700), LOOKUP)).isEqualTo(SingleResource.of(5700, Value.ofFloat(22.5)));
    byte[] epoch = hex("A1 83 03 00 0D C1 1A 65 53 F1 00");
    assertThat(codec.decode(epoch, LwM2mPath.of(3, 0, 13), LOOKUP)).isEqualTo(SingleResource.of(13, Value.ofTime(1700000000)));
  }

  @Test
  void pathListsHaveNullLeaves() {
    List<LwM2mPath> paths = List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1));
    byte[] payload = codec.encodePaths(paths);
    assertThat(hex(payload)).isEqualTo("A2 83 03 00 00 F6 01 F6");
    assertThat(codec.decodePaths(payload)).isEqualTo(paths);
  }

  @Test
  void timestampsAreRefusedAndUntimedEntriesPass() {
    TimestampedNode timed = TimestampedNode.at(Instant.ofEpochSecond(1_700_000_000), LwM2mPath.of(3, 0, 9), SingleResource.of(9, Value.ofInteger(1)));
    assertThatThrownBy(() -> codec.encodeTimestamped(List.of(timed), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("no timestamps");
    TimestampedNode untimed = TimestampedNode.untimed(LwM2mPath.of(3, 0, 9), SingleResource.of(9, Value.ofInteger(1)));
    assertThat(codec.decodeTimestamped(codec.encodeTimestamped(List.of(untimed), LOOKUP), LOOKUP)).containsExactly(untimed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not a map                 | 83 03 00 09                          | expected a map",
    "empty key array           | A1 80 01                             | empty array",
    "id 65535                  | A1 83 03 19 FF FF 09 01              | outside 0..65534",
    "path too long             | A1 85 03 00 07 00 00 01              | longer than 4",
    "nested too deep           | A1 83 03 00 07 A1 00 A1 00 01        | longer than 4",
    "duplicate path            | A2 83 03 00 09 01 83 03 00 09 02     | duplicate value for /3/0/9",
    "wrong type                | A1 83 03 00 09 61 78                 | expected a number",
    "fractional integer        | A1 83 03 00 09 F9 3E 00              | whole number",
    "null value                | A1 83 03 00 09 F6                    | null value",
    "value on an instance      | A1 82 03 00 01                       | not to /3/0",
    "truncated                 | A1 83 03 00 00 74 4F 70              | declares 20 bytes",
    "trailing data             | A1 83 03 00 09 01 00                 | trailing data",
    "invalid UTF-8             | A1 83 03 00 00 62 C0 80              | invalid UTF-8",
    "huge map count            | BB 00 00 00 FF FF FF FF FF           | declares",
    "unknown resource          | A1 83 03 00 18 63 01                 | no resource 99",
  })
  void malformedPayloadsAreRejected(String what, String payload, String message) {
    assertThatThrownBy(() -> codec.decode(hex(payload), LwM2mPath.of(3, 0), LOOKUP))
        .as(what).isInstanceOf(CodecException.class).hasMessageContaining(message);
  }
}
