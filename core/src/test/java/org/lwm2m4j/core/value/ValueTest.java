package org.lwm2m4j.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ResourceType;

class ValueTest {
  @Test
  void textFormsFollowThePlainTextContentFormat() {
    assertThat(Value.ofInteger(-750).toText()).isEqualTo("-750");
    assertThat(Value.ofUnsigned(-1L).toText()).isEqualTo("18446744073709551615");
    assertThat(Value.of(true).toText()).isEqualTo("1");
    assertThat(Value.of(false).toText()).isEqualTo("0");
    assertThat(Value.of(new byte[] {1, 2, 3, 4, 5}).toText()).isEqualTo("AQIDBAU=");
    assertThat(Value.ofObjlnk(66, 0).toText()).isEqualTo("66:0");
    assertThat(Value.ofTime(1476186613).toText()).isEqualTo("1476186613");
    assertThat(Value.none().toText()).isEmpty();
  }

  @Test
  void floatsPrintAsPlainDecimals() {
    assertThat(Value.ofFloat(22.5).toText()).isEqualTo("22.5");
    assertThat(Value.ofFloat(6.667e-11).toText()).isEqualTo("0.00000000006667");
    assertThat(Value.ofFloat(3).toText()).isEqualTo("3.0");
    assertThat(Value.ofFloat(-0.0).toText()).isEqualTo("-0.0");
    assertThat(Double.parseDouble(Value.ofFloat(1.0e300).toText())).isEqualTo(1.0e300);
  }

  @Test
  void float32FitnessDecidesTheTlvWidth() {
    assertThat(new FloatValue(22.5).fitsFloat32()).isTrue();
    assertThat(new FloatValue(0.1).fitsFloat32()).isFalse();
  }

  @Test
  void unsignedValuesKeepAllSixtyFourBits() {
    assertThat(Value.ofUnsigned(-1L).toBigInteger()).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
    assertThat(Value.ofUnsigned(200).toBigInteger()).isEqualTo(BigInteger.valueOf(200));
  }

  @Test
  void objectLinksParseBothNullSpellings() {
    assertThat(ObjlnkValue.parse("66:0")).isEqualTo(Value.ofObjlnk(66, 0));
    assertThat(ObjlnkValue.parse("65535:65535").isNull()).isTrue();
    assertThat(ObjlnkValue.parse("FFFF:FFFF")).isEqualTo(ObjlnkValue.NULL);
    for (String bad : new String[] {"66", ":0", "66:", "66:0:1", "-1:0", "65536:0", "a:b", "123456:0"}) {
      assertThatThrownBy(() -> ObjlnkValue.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void opaqueValuesAreImmutableAndCompareByContent() {
    byte[] bytes = {1, 2, 3};
    OpaqueValue value = new OpaqueValue(bytes);
    bytes[0] = 9;
    value.bytes()[1] = 9;
    assertThat(value).isEqualTo(Value.of(new byte[] {1, 2, 3}));
    assertThat(value.hashCode()).isEqualTo(Value.of(new byte[] {1, 2, 3}).hashCode());
    assertThat(value.type()).isEqualTo(ResourceType.OPAQUE);
  }
}
