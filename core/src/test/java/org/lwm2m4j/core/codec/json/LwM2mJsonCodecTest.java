package org.lwm2m4j.core.codec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import java.nio.charset.StandardCharsets;
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
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class LwM2mJsonCodecTest {
  private final LwM2mJsonCodec codec = new LwM2mJsonCodec();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String encode(LwM2mNode node, String path) {
    return new String(codec.encode(node, LwM2mPath.parse(path), LOOKUP), StandardCharsets.UTF_8);
  }

  private LwM2mNode decode(String json, String path) {
    return codec.decode(utf8(json), LwM2mPath.parse(path), LOOKUP);
  }

  @Test
  void singleResourceHasTheFullPathAsBaseNameAndNoName() {
    String json = "{\"bn\":\"/3/0/0\",\"e\":[{\"sv\":\"Open Mobile Alliance\"}]}";
    SingleResource manufacturer = SingleResource.of(0, Value.of("Open Mobile Alliance"));
    assertThat(encode(manufacturer, "/3/0/0")).isEqualTo(json);
    assertThat(decode(json, "/3/0/0")).isEqualTo(manufacturer);
  }

  @Test
  void instanceUsesRelativeNames() {
    LwM2mObjectInstance device = LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("Open Mobile Alliance")),
        MultipleResource.of(6, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(1))),
        SingleResource.of(13, Value.ofTime(1367491215)));
    String json = "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"0\",\"sv\":\"Open Mobile Alliance\"},{\"n\":\"6/0\",\"v\":1},"
        + "{\"n\":\"13\",\"v\":1367491215}]}";
    assertThat(encode(device, "/3/0")).isEqualTo(json);
    assertThat(decode(json, "/3/0")).isEqualTo(device);
    assertThat(encode(LwM2mObject.of(3, device), "/3")).startsWith("{\"bn\":\"/3/\",\"e\":[{\"n\":\"0/0\",");
  }

  @Test
  void decodesTheSpecExampleWithTimesIgnored() {
    String json = "{\"bn\":\"/3/0/\",\"bt\":25462634,\"e\":[{\"n\":\"0\",\"sv\":\"Open Mobile Alliance\"},"
        + "{\"n\":\"6/0\",\"v\":1},{\"n\":\"13\",\"v\":1367491215},{\"n\":\"9\",\"v\":22,\"t\":-5}]}";
    LwM2mObjectInstance decoded = (LwM2mObjectInstance) decode(json, "/3/0");
    assertThat(decoded.resource(9)).contains(SingleResource.of(9, Value.ofInteger(22)));
  }

  @Test
  void absentBaseNameMeansAbsoluteNames() {
    assertThat(decode("{\"e\":[{\"n\":\"/3/0/9\",\"v\":100}]}", "/3/0/9")).isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
  }

  @Test
  void objectLinksAreWrittenAsOvAndReadFromOvOrSv() {
    SingleResource link = SingleResource.of(2, Value.ofObjlnk(67, 0));
    assertThat(encode(link, "/66/0/2")).isEqualTo("{\"bn\":\"/66/0/2\",\"e\":[{\"ov\":\"67:0\"}]}");
    assertThat(decode("{\"bn\":\"/66/0/2\",\"e\":[{\"sv\":\"67:0\"}]}", "/66/0/2")).isEqualTo(link);
  }

  @Test
  void opaqueIsStandardBase64InSv() {
    SingleResource image = SingleResource.of(0, Value.of(new byte[] {1, 2, 3, 4, 5}));
    assertThat(encode(image, "/5/0/0")).isEqualTo("{\"bn\":\"/5/0/0\",\"e\":[{\"sv\":\"AQIDBAU=\"}]}");
    assertThat(decode("{\"bn\":\"/5/0/0\",\"e\":[{\"sv\":\"AQIDBAU=\"}]}", "/5/0/0")).isEqualTo(image);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not an object        | [1]                                                   | must be an object",
    "no entries           | {\"bn\":\"/3/0/\"}                                     | no \"e\" array",
    "entries not array    | {\"e\":1}                                              | must be an array",
    "entry not object     | {\"e\":[1]}                                            | entry 0 is not an object",
    "no value             | {\"bn\":\"/3/0/9\",\"e\":[{}]}                          | has no value",
    "two values           | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":1,\"sv\":\"x\"}]}         | more than one value",
    "duplicate key        | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":1,\"v\":2}]}             | Duplicate field",
    "bad name             | {\"bn\":\"/3/0/x\",\"e\":[{\"v\":1}]}                    | not an absolute LwM2M path",
    "wrong type           | {\"bn\":\"/3/0/9\",\"e\":[{\"sv\":\"x\"}]}               | cannot be a Integer value",
    "fraction for integer | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":2.5}]}                   | whole number",
    "outside target       | {\"bn\":\"/3/1/9\",\"e\":[{\"v\":1}]}                    | outside the target",
    "duplicate entry      | {\"bn\":\"/3/0/\",\"e\":[{\"n\":\"9\",\"v\":1},{\"n\":\"9\",\"v\":1}]} | duplicate value",
    "nested value         | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":1,\"x\":{}}]}            | nested container",
    "trailing data        | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":1}]}}                   | malformed LwM2M JSON",
    "truncated            | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":1}                      | malformed LwM2M JSON",
    "huge exponent        | {\"bn\":\"/3/0/9\",\"e\":[{\"v\":38e801367491215}]}     | 38e801367491215",
  })
  void malformedPayloadsAreRejected(String what, String json, String message) {
    assertThatThrownBy(() -> decode(json, "/3/0"))
        .as(what).isInstanceOf(CodecException.class).hasMessageContaining(message);
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] payload = utf8("{\"bn\":\"/3/0/0\",\"e\":[{\"sv\":\"ab\"}]}");
    payload[payload.length - 5] = (byte) 0xC3;
    assertThatThrownBy(() -> codec.decode(payload, LwM2mPath.of(3, 0, 0), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void overlongUtf8ThatJacksonWouldAcceptIsRejected() {
    byte[] payload = utf8("{\"bn\":\"/3/0/0\",\"e\":[{\"sv\":\"aXX\"}]}");
    int at = new String(payload, StandardCharsets.UTF_8).indexOf("XX");
    payload[at] = (byte) 0xC0;
    payload[at + 1] = (byte) 0x80;
    assertThatThrownBy(() -> codec.decode(payload, LwM2mPath.of(3, 0, 0), LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8").hasMessageContaining("at byte " + at);
  }
}
