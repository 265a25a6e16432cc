package org.lwm2m4j.core.codec.single;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;
import static org.lwm2m4j.core.codec.single.AllTypesPaths.instance;
import static org.lwm2m4j.core.codec.single.AllTypesPaths.single;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class TextCodecTest {
  private final TextCodec codec = new TextCodec();

  @Test
  void isTheTextPlainFormatForResourcesAndResourceInstancesOnly() {
    assertThat(codec.format()).isEqualTo(ContentFormat.TEXT);
    assertThat(codec.supports(LwM2mPath.parse("/3/0/0"))).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/3/0/7/1"))).isTrue();
    assertThat(codec.supports(LwM2mPath.ROOT)).isFalse();
    assertThat(codec.supports(LwM2mPath.parse("/3"))).isFalse();
    assertThat(codec.supports(LwM2mPath.parse("/3/0"))).isFalse();
  }

  @Test
  void specVectorsEncodeAndDecode() {
    assertVector("/3/0/0", Value.of("Open Mobile Alliance"), "Open Mobile Alliance");
    assertVector("/1/0/1", Value.ofInteger(86400), "86400");
    assertVector(single(ResourceType.INTEGER).toString(), Value.ofInteger(-750), "-750");
    assertVector("/3/0/13", Value.ofTime(1476186613), "1476186613");
    assertVector("/3303/0/5700", Value.ofFloat(22.5), "22.5");
    assertVector("/3303/0/5700", Value.ofFloat(6.667e-11), "0.00000000006667");
    assertVector("/1/0/6", Value.of(true), "1");
    assertVector("/1/0/6", Value.of(false), "0");
    assertVector("/5/0/0", Value.of(new byte[] {1, 2, 3, 4, 5}), "AQIDBAU=");
    assertVector("/66/0/2", Value.ofObjlnk(66, 0), "66:0");
    assertVector("/66/0/2", Value.ofObjlnk(65535, 65535), "65535:65535");
    assertVector(single(ResourceType.UNSIGNED_INTEGER).toString(), Value.ofUnsigned(-1L), "18446744073709551615");
    assertVector(single(ResourceType.CORELNK).toString(), Value.ofCorelnk("</3/0>;ver=1.1"), "</3/0>;ver=1.1");
  }

  @Test
  void resourceInstancesCarryOneValue() {
    LwM2mPath path = LwM2mPath.parse("/3/0/7/1");
    assertThat(text(codec.encode(LwM2mResourceInstance.of(1, Value.ofInteger(5000)), path, LOOKUP))).isEqualTo("5000");
    assertThat(codec.decode(bytes("5000"), path, LOOKUP)).isEqualTo(LwM2mResourceInstance.of(1, Value.ofInteger(5000)));
    assertThat(codec.decode(bytes("66:1"), instance(ResourceType.OBJLNK), LOOKUP))
        .isEqualTo(LwM2mResourceInstance.of(0, Value.ofObjlnk(66, 1)));
  }

  @Test
  void stringsAreRawUtf8() {
    LwM2mPath path = LwM2mPath.parse("/3/0/14");
    byte[] utf8 = "Grüße ✓ 𝄞".getBytes(StandardCharsets.UTF_8);
    assertThat(codec.encode(SingleResource.of(14, Value.of("Grüße ✓ 𝄞")), path, LOOKUP)).isEqualTo(utf8);
    assertThat(codec.decode(utf8, path, LOOKUP)).isEqualTo(SingleResource.of(14, Value.of("Grüße ✓ 𝄞")));
    assertThat(codec.decode(new byte[0], path, LOOKUP)).isEqualTo(SingleResource.of(14, Value.of("")));
  }

  @Test
  void invalidUtf8IsRejected() {
    LwM2mPath path = LwM2mPath.parse("/3/0/14");
    for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {'a', (byte) 0xE2, (byte) 0x82}}) {
      assertThatThrownBy(() -> codec.decode(bad, path, LOOKUP))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("invalid UTF-8");
    }
  }

  @Test
  void unpairedSurrogateCannotBeEncoded() {
    assertThatThrownBy(() -> codec.encode(SingleResource.of(14, Value.of("a\uD800")), LwM2mPath.parse("/3/0/14"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void malformedNumbersNameTheTypeAndOffset() {
    assertThatThrownBy(() -> codec.decode(bytes("86400s"), LwM2mPath.parse("/1/0/1"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("Integer text '86400s' has a character that is not a decimal digit (at byte 5)");
    assertThatThrownBy(() -> codec.decode(bytes("true"), LwM2mPath.parse("/1/0/6"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Boolean text must be '0' or '1'");
  }

  @Test
  void valuesAreConvertedToTheModelTypeWhenExact() {
    LwM2mPath temperature = LwM2mPath.parse("/3303/0/5700");
    assertThat(text(codec.encode(SingleResource.of(5700, Value.ofInteger(3)), temperature, LOOKUP))).isEqualTo("3.0");
    LwM2mPath lifetime = LwM2mPath.parse("/1/0/1");
    assertThat(text(codec.encode(SingleResource.of(1, Value.ofFloat(300.0)), lifetime, LOOKUP))).isEqualTo("300");
    assertThat(text(codec.encode(SingleResource.of(1, Value.ofUnsigned(300)), lifetime, LOOKUP))).isEqualTo("300");
  }

  @Test
  void inexactOrUnrelatedConversionsAreRefused() {
    LwM2mPath lifetime = LwM2mPath.parse("/1/0/1");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(1, Value.ofFloat(2.5)), lifetime, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("value for /1/0/1 is Float 2.5 but the resource is Integer and the value does not convert exactly");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(1, Value.of("300")), lifetime, LOOKUP))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> codec.encode(SingleResource.of(1, Value.ofUnsigned(-1L)), lifetime, LOOKUP))
        .isInstanceOf(CodecException.class);
    LwM2mPath temperature = LwM2mPath.parse("/3303/0/5700");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(5700, Value.ofInteger((1L << 53) + 1)), temperature, LOOKUP))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void negativeZeroKeepsItsSign() {
    LwM2mPath path = LwM2mPath.parse("/3303/0/5700");
    byte[] encoded = codec.encode(SingleResource.of(5700, Value.ofFloat(-0.0)), path, LOOKUP);
    assertThat(text(encoded)).isEqualTo("-0.0");
    assertThat(codec.decode(encoded, path, LOOKUP)).isEqualTo(SingleResource.of(5700, Value.ofFloat(-0.0)));
  }

  @Test
  void nonFiniteFloatsHaveNoTextForm() {
    LwM2mPath path = LwM2mPath.parse("/3303/0/5700");
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> codec.encode(SingleResource.of(5700, Value.ofFloat(value)), path, LOOKUP))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("has no text/plain form");
    }
  }

  @Test
  void multipleResourceAddressedAsAWholeIsRefused() {
    LwM2mPath path = LwM2mPath.parse("/3/0/7");
    assertThatThrownBy(() -> codec.decode(bytes("3800"), path, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("resource /3/0/7 (Power Source Voltage) is multiple-instance; text/plain carries one value,"
            + " so target one instance (/3/0/7/{ri}) or use TLV, SenML or LwM2M CBOR");
    LwM2mNode multiple = MultipleResource.of(7, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(3800)));
    assertThatThrownBy(() -> codec.encode(multiple, path, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("is multiple-instance");
  }

  @Test
  void executableResourceIsRefused() {
    assertThatThrownBy(() -> codec.decode(new byte[0], LwM2mPath.parse("/3/0/4"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("resource /3/0/4 (Reboot) is executable and has no value to carry in text/plain");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(4, Value.none()), LwM2mPath.parse("/3/0/4"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("is executable");
  }

  @Test
  void objectsInstancesAndUnknownTargetsAreRefused() {
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.parse("/3/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("text/plain carries the value of one resource or resource instance; /3/0 is an object"
            + " instance, use TLV, SenML or LwM2M CBOR");
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.parse("/3"), LOOKUP))
        .hasMessageContaining("/3 is an object,");
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.ROOT, LOOKUP))
        .hasMessageContaining("/ is the root");
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.parse("/4242/0/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no model for object 4242");
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.parse("/3/0/99"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("has no resource 99");
    assertThatThrownBy(() -> codec.decode(bytes("1"), LwM2mPath.parse("/3/0/9/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("resource /3/0/9 (Battery Level) is single-instance, so /3/0/9/0 names nothing");
  }

  @Test
  void nodeMustMatchItsPath() {
    LwM2mPath path = LwM2mPath.parse("/3/0/9");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(10, Value.ofInteger(1)), path, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("does not match path /3/0/9");
    assertThatThrownBy(() -> codec.encode(LwM2mResourceInstance.of(9, Value.ofInteger(1)), path, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot live at /3/0/9");
  }

  private void assertVector(String path, Value value, String text) {
    LwM2mPath target = LwM2mPath.parse(path);
    LwM2mNode node = SingleValueTarget.nodeAt(target, value);
    assertThat(text(codec.encode(node, target, LOOKUP))).as("encode %s", value).isEqualTo(text);
    assertThat(codec.decode(bytes(text), target, LOOKUP)).as("decode %s", text).isEqualTo(node);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
