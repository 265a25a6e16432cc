package org.lwm2m4j.core.codec.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

class SenmlJsonCodecTest {
  private final SenmlJsonCodec codec = new SenmlJsonCodec();

  /** The spec's Read /3/0 example (data-formats §5.3), whitespace removed. */
  static final String DEVICE_JSON = "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
      + "{\"n\":\"1\",\"vs\":\"Lightweight M2M Client\"},{\"n\":\"2\",\"vs\":\"345000123\"},{\"n\":\"3\",\"vs\":\"1.0\"},"
      + "{\"n\":\"6/0\",\"v\":1},{\"n\":\"6/1\",\"v\":5},{\"n\":\"7/0\",\"v\":3800},{\"n\":\"7/1\",\"v\":5000},"
      + "{\"n\":\"8/0\",\"v\":125},{\"n\":\"8/1\",\"v\":900},{\"n\":\"9\",\"v\":100},{\"n\":\"10\",\"v\":15},"
      + "{\"n\":\"11/0\",\"v\":0},{\"n\":\"13\",\"v\":1367491215},{\"n\":\"14\",\"vs\":\"+02:00\"},{\"n\":\"16\",\"vs\":\"U\"}]";

  static final LwM2mObjectInstance DEVICE = LwM2mObjectInstance.of(0,
      SingleResource.of(0, Value.of("Open Mobile Alliance")),
      SingleResource.of(1, Value.of("Lightweight M2M Client")),
      SingleResource.of(2, Value.of("345000123")),
      SingleResource.of(3, Value.of("1.0")),
      ints(6, 1, 5), ints(7, 3800, 5000), ints(8, 125, 900),
      SingleResource.of(9, Value.ofInteger(100)),
      SingleResource.of(10, Value.ofInteger(15)),
      ints(11, 0),
      SingleResource.of(13, Value.ofTime(1367491215)),
      SingleResource.of(14, Value.of("+02:00")),
      SingleResource.of(16, Value.of("U")));

  static MultipleResource ints(int id, long... values) {
    LwM2mResourceInstance[] instances = new LwM2mResourceInstance[values.length];
    for (int i = 0; i < values.length; i++) {
      instances[i] = LwM2mResourceInstance.of(i, Value.ofInteger(values[i]));
    }
    return MultipleResource.of(id, ResourceType.INTEGER, instances);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String encode(LwM2mNode node, String path) {
    return new String(codec.encode(node, LwM2mPath.parse(path), LOOKUP), StandardCharsets.UTF_8);
  }

  @Test
  void specDeviceExampleRoundTripsByteForByte() {
    assertThat(codec.decode(utf8(DEVICE_JSON), LwM2mPath.of(3, 0), LOOKUP)).isEqualTo(DEVICE);
    assertThat(encode(DEVICE, "/3/0")).isEqualTo(DEVICE_JSON);
  }

  @Test
  void encodesEachLevelTheWayLeshanDoes() {
    assertThat(encode(SingleResource.of(0, Value.of("Open Mobile Alliance")), "/3/0/0"))
        .isEqualTo("[{\"bn\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"}]");
    assertThat(encode(ints(7, 3800, 5000), "/3/0/7"))
        .isEqualTo("[{\"bn\":\"/3/0/7/\",\"n\":\"0\",\"v\":3800},{\"n\":\"1\",\"v\":5000}]");
    assertThat(encode(LwM2mResourceInstance.of(1, Value.ofInteger(5000)), "/3/0/7/1"))
        .isEqualTo("[{\"bn\":\"/3/0/7/1\",\"v\":5000}]");
    assertThat(encode(LwM2mObject.of(3, LwM2mObjectInstance.of(0, SingleResource.of(9, Value.ofInteger(100)))), "/3"))
        .isEqualTo("[{\"bn\":\"/3/\",\"n\":\"0/9\",\"v\":100}]");
  }

  @Test
  void opaqueTravelsAsBase64UrlWithoutPaddingAndObjectLinksAsVlo() {
    assertThat(encode(SingleResource.of(0, Value.of(new byte[] {1, 2, 3, 4, 5})), "/5/0/0"))
        .isEqualTo("[{\"bn\":\"/5/0/0\",\"vd\":\"AQIDBAU\"}]");
    for (String vd : new String[] {"AQIDBAU", "AQIDBAU=", "AQIDBAU="}) {
      assertThat(codec.decode(utf8("[{\"bn\":\"/5/0/0\",\"vd\":\"" + vd + "\"}]"), LwM2mPath.of(5, 0, 0), LOOKUP))
          .isEqualTo(SingleResource.of(0, Value.of(new byte[] {1, 2, 3, 4, 5})));
    }
    assertThat(codec.decode(utf8("[{\"bn\":\"/\",\"n\":\"66/0/2\",\"vlo\":\"FFFF:FFFF\"}]"), LwM2mPath.of(66, 0, 2), LOOKUP))
        .isEqualTo(SingleResource.of(2, Value.ofObjlnk(65535, 65535)));
  }

  @Test
  void decodesTheSpecObjectLinkExampleWithRootBaseName() {
    String json = "[{\"bn\":\"/\",\"n\":\"65/0/0/0\",\"vlo\":\"66:0\"},{\"n\":\"65/0/0/1\",\"vlo\":\"66:1\"},"
        + "{\"n\":\"65/0/1\",\"vs\":\"8613800755500\"},{\"n\":\"65/0/2\",\"v\":1},{\"n\":\"66/0/0\",\"vs\":\"myService1\"},"
        + "{\"n\":\"66/0/2\",\"vlo\":\"67:0\"}]";
    Map<LwM2mPath, LwM2mNode> nodes = codec.decodeNodes(utf8(json), List.of(LwM2mPath.of(65, 0), LwM2mPath.of(66, 0)), LOOKUP);
    assertThat(nodes).containsOnlyKeys(LwM2mPath.of(65, 0), LwM2mPath.of(66, 0));
    assertThat(((LwM2mObjectInstance) nodes.get(LwM2mPath.of(65, 0))).resource(0)).contains(
        MultipleResource.of(0, ResourceType.OBJLNK, LwM2mResourceInstance.of(0, Value.ofObjlnk(66, 0)),
            LwM2mResourceInstance.of(1, Value.ofObjlnk(66, 1))));
  }

  @Test
  void numbersAreTypedByTheModelExactly() {
    assertThat(codec.decode(utf8("[{\"bn\":\"/3303/0/5700\",\"v\":21}]"), LwM2mPath.of(3303, 0, 5700), LOOKUP))
        .isEqualTo(SingleResource.of(5700, Value.ofFloat(21)));
    assertThat(codec.decode(utf8("[{\"bn\":\"/3/0/9\",\"v\":1e2}]"), LwM2mPath.of(3, 0, 9), LOOKUP))
        .isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
    assertThatThrownBy(() -> codec.decode(utf8("[{\"bn\":\"/3/0/9\",\"v\":22.5}]"), LwM2mPath.of(3, 0, 9), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("record 0 (/3/0/9)").hasMessageContaining("whole number");
    assertThatThrownBy(() -> codec.decode(utf8("[{\"bn\":\"/3/0/9\",\"v\":9223372036854775808}]"), LwM2mPath.of(3, 0, 9), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("range");
  }

  @Test
  void aNumberWithAnExponentTooLargeToHoldIsACodecError() {
    // found by the fuzzer: the JSON parser refused the exponent with a NumberFormatException
    assertThatThrownBy(() -> codec.decode(utf8("[{\"bn\":\"/3/0/9\",\"v\":38e801367491215}]"), LwM2mPath.of(3, 0, 9), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("record 0").hasMessageContaining("38e801367491215");
  }

  @Test
  void compositeBodiesUseAbsoluteNames() {
    String request = "[{\"n\":\"/3/0/0\"},{\"n\":\"/1/0/1\"}]";
    assertThat(codec.decodePaths(utf8(request))).containsExactly(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1, 0, 1));
    assertThat(new String(codec.encodePaths(List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1, 0, 1))), StandardCharsets.UTF_8))
        .isEqualTo(request);
    Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
    nodes.put(LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("Open")));
    nodes.put(LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.ofInteger(86400)));
    String response = new String(codec.encodeNodes(nodes, LOOKUP), StandardCharsets.UTF_8);
    assertThat(response).isEqualTo("[{\"n\":\"/3/0/0\",\"vs\":\"Open\"},{\"n\":\"/1/0/1\",\"v\":86400}]");
    assertThat(codec.decodeNodes(utf8(response), List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1, 0, 1)), LOOKUP)).isEqualTo(nodes);
    assertThatThrownBy(() -> codec.decodePaths(utf8("[{\"n\":\"/3/0/0\",\"v\":1}]")))
        .isInstanceOf(CodecException.class).hasMessageContaining("names only");
  }

  @Test
  void historicalValuesResolveBaseTimePlusTime() {
    String json = "[{\"bn\":\"/3303/0/\",\"bt\":1700000000,\"n\":\"5700\",\"v\":22.4,\"t\":-5},"
        + "{\"n\":\"5700\",\"v\":22.9,\"t\":-30},{\"n\":\"5700\",\"v\":24.1,\"t\":-50}]";
    List<TimestampedNode> nodes = codec.decodeTimestamped(utf8(json), LOOKUP);
    assertThat(nodes).extracting(n -> n.timestamp().orElseThrow().getEpochSecond())
        .containsExactly(1699999950L, 1699999970L, 1699999995L);
    assertThat(nodes.get(0).node()).isEqualTo(SingleResource.of(5700, Value.ofFloat(24.1)));
  }

  @Test
  void relativeTimesAreRelativeToNow() {
    Instant before = Instant.now();
    List<TimestampedNode> nodes = codec.decodeTimestamped(utf8("[{\"bn\":\"/3303/0/5700\",\"v\":1,\"t\":-60}]"), LOOKUP);
    Instant at = nodes.get(0).timestamp().orElseThrow();
    assertThat(at).isBetween(before.minusSeconds(61), Instant.now().minusSeconds(59));
  }

  @Test
  void timestampedEntriesRoundTrip() {
    List<TimestampedNode> sent = List.of(
        TimestampedNode.untimed(LwM2mPath.of(3, 0, 9), SingleResource.of(9, Value.ofInteger(80))),
        TimestampedNode.at(Instant.ofEpochSecond(1_700_000_000), LwM2mPath.of(3303, 0, 5700), SingleResource.of(5700, Value.ofFloat(21.5))),
        TimestampedNode.at(Instant.ofEpochSecond(1_700_000_060), LwM2mPath.of(3303, 0, 5700), SingleResource.of(5700, Value.ofFloat(22.0))));
    byte[] payload = codec.encodeTimestamped(sent, LOOKUP);
    assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("[{\"n\":\"/3/0/9\",\"v\":80},"
        + "{\"bt\":1700000000,\"n\":\"/3303/0/5700\",\"v\":21.5},{\"bt\":1700000060,\"n\":\"/3303/0/5700\",\"v\":22.0}]");
    assertThat(codec.decodeTimestamped(payload, LOOKUP)).isEqualTo(sent);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not an array                | {\"bn\":\"/3/0/9\",\"v\":1}                   | must be an array",
    "record not an object        | [1]                                          | record 0 is not a JSON object",
    "truncated                   | [{\"bn\":\"/3/0/9\",\"v\":1                   | malformed SenML JSON",
    "trailing data               | [{\"bn\":\"/3/0/9\",\"v\":1}] []              | trailing data",
    "two value fields            | [{\"bn\":\"/3/0/9\",\"v\":1,\"vs\":\"x\"}]      | more than one value field",
    "duplicate key               | [{\"bn\":\"/3/0/9\",\"v\":1,\"v\":2}]          | Duplicate field",
    "no value                    | [{\"bn\":\"/3/0/9\"}]                          | has no value",
    "wrong value kind            | [{\"bn\":\"/3/0/9\",\"vs\":\"100\"}]            | cannot be a Integer value",
    "name not a path             | [{\"bn\":\"/3/0/x\",\"v\":1}]                  | not an absolute LwM2M path",
    "outside the target          | [{\"bn\":\"/3/1/9\",\"v\":1}]                  | outside the target /3/0",
    "unknown resource            | [{\"bn\":\"/3/0/99\",\"v\":1}]                 | no resource 99",
    "duplicate record            | [{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":1},{\"n\":\"9\",\"v\":2}] | duplicate value for /3/0/9",
    "nested container            | [{\"bn\":\"/3/0/9\",\"v\":1,\"x\":[1]}]         | nested array",
    "must-understand field       | [{\"bn\":\"/3/0/9\",\"v\":1,\"x_\":1}]          | must be understood",
    "unsupported version         | [{\"bver\":11,\"bn\":\"/3/0/9\",\"v\":1}]        | not supported",
    "null value                  | [{\"bn\":\"/3/0/9\",\"v\":null}]               | must be a number",
    "bad base64                  | [{\"bn\":\"/5/0/0\",\"vd\":\"**\"}]              | not base64",
    "bad object link             | [{\"bn\":\"/66/0/2\",\"vlo\":\"66\"}]            | oid:iid",
  })
  void malformedPayloadsAreRejectedWithAClearMessage(String what, String json, String message) {
    LwM2mPath path = json.contains("/5/0/0") ? LwM2mPath.of(5, 0, 0) : json.contains("/66/") ? LwM2mPath.of(66, 0, 2) : LwM2mPath.of(3, 0);
    assertThatThrownBy(() -> codec.decode(utf8(json), path, LOOKUP))
        .as(what).isInstanceOf(CodecException.class).hasMessageContaining(message);
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] payload = utf8("[{\"bn\":\"/3/0/0\",\"vs\":\"ab\"}]");
    payload[23] = (byte) 0xC3;
    assertThatThrownBy(() -> codec.decode(payload, LwM2mPath.of(3, 0, 0), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void refusesToEncodeExecutablesAndLoneSurrogates() {
    assertThatThrownBy(() -> codec.encode(SingleResource.of(4, Value.none()), LwM2mPath.of(3, 0, 4), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("executable");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(0, Value.of("a\uD800")), LwM2mPath.of(3, 0, 0), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("surrogate");
  }

  @Test
  void overlongUtf8ThatJacksonWouldAcceptIsRejected() {
    byte[] payload = utf8("[{\"bn\":\"/3/0/0\",\"vs\":\"aXX\"}]");
    int at = new String(payload, StandardCharsets.UTF_8).indexOf("XX");
    payload[at] = (byte) 0xC0;
    payload[at + 1] = (byte) 0x80;
    assertThatThrownBy(() -> codec.decode(payload, LwM2mPath.of(3, 0, 0), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8").hasMessageContaining("at byte " + at);
  }
}
