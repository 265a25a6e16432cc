package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class ValueConversionTest {
  private static final LwM2mPath PATH = LwM2mPath.parse("/9999/0/2");

  @Test
  void sameTypeIsKept() {
    Value value = Value.ofInteger(5);
    assertThat(ValueConversion.toType(value, ResourceType.INTEGER, PATH)).isSameAs(value);
  }

  @Test
  void integerTypesConvertWithinRange() {
    assertThat(ValueConversion.toType(Value.ofTime(-5), ResourceType.INTEGER, PATH)).isEqualTo(Value.ofInteger(-5));
    assertThat(ValueConversion.toType(Value.ofInteger(7), ResourceType.TIME, PATH)).isEqualTo(Value.ofTime(7));
    assertThat(ValueConversion.toType(Value.ofInteger(7), ResourceType.UNSIGNED_INTEGER, PATH)).isEqualTo(Value.ofUnsigned(7));
    assertThat(ValueConversion.toType(Value.ofUnsigned(Long.MAX_VALUE), ResourceType.INTEGER, PATH))
        .isEqualTo(Value.ofInteger(Long.MAX_VALUE));
    assertRefused(Value.ofInteger(-1), ResourceType.UNSIGNED_INTEGER);
    assertRefused(Value.ofUnsigned(Long.MIN_VALUE), ResourceType.INTEGER);
  }

  @Test
  void integersBecomeFloatsOnlyWhenTheDoubleIsExact() {
    assertThat(ValueConversion.toType(Value.ofInteger(1L << 53), ResourceType.FLOAT, PATH)).isEqualTo(Value.ofFloat(0x1p53));
    assertThat(ValueConversion.toType(Value.ofUnsigned(Long.MIN_VALUE), ResourceType.FLOAT, PATH)).isEqualTo(Value.ofFloat(0x1p63));
    assertThat(ValueConversion.toType(Value.ofInteger(Long.MIN_VALUE), ResourceType.FLOAT, PATH)).isEqualTo(Value.ofFloat(-0x1p63));
    assertRefused(Value.ofInteger((1L << 53) + 1), ResourceType.FLOAT);
    assertRefused(Value.ofInteger(Long.MAX_VALUE), ResourceType.FLOAT);
    assertRefused(Value.ofUnsigned(-1L), ResourceType.FLOAT);
  }

  @Test
  void integralFloatsBecomeIntegersWithinRange() {
    assertThat(ValueConversion.toType(Value.ofFloat(-0x1p63), ResourceType.INTEGER, PATH)).isEqualTo(Value.ofInteger(Long.MIN_VALUE));
    assertThat(ValueConversion.toType(Value.ofFloat(0x1p63), ResourceType.UNSIGNED_INTEGER, PATH))
        .isEqualTo(Value.ofUnsigned(Long.MIN_VALUE));
    assertThat(ValueConversion.toType(Value.ofFloat(1.7e9), ResourceType.TIME, PATH)).isEqualTo(Value.ofTime(1_700_000_000));
    assertRefused(Value.ofFloat(0x1p63), ResourceType.INTEGER);
    assertRefused(Value.ofFloat(0x1p64), ResourceType.UNSIGNED_INTEGER);
    assertRefused(Value.ofFloat(-1), ResourceType.UNSIGNED_INTEGER);
    assertRefused(Value.ofFloat(0.5), ResourceType.INTEGER);
    assertRefused(Value.ofFloat(Double.NaN), ResourceType.INTEGER);
    assertRefused(Value.ofFloat(Double.POSITIVE_INFINITY), ResourceType.UNSIGNED_INTEGER);
  }

  @Test
  void stringAndCorelnkConvertBothWays() {
    assertThat(ValueConversion.toType(Value.of("</1>"), ResourceType.CORELNK, PATH)).isEqualTo(Value.ofCorelnk("</1>"));
    assertThat(ValueConversion.toType(Value.ofCorelnk("</1>"), ResourceType.STRING, PATH)).isEqualTo(Value.of("</1>"));
  }

  @Test
  void unrelatedTypesAreRefusedWithoutDumpingLargeValues() {
    assertRefused(Value.of(true), ResourceType.INTEGER);
    assertRefused(Value.of("1"), ResourceType.INTEGER);
    assertRefused(Value.ofObjlnk(1, 0), ResourceType.STRING);
    assertThatThrownBy(() -> ValueConversion.toType(Value.of(new byte[1_000_000]), ResourceType.STRING, PATH))
        .isInstanceOf(CodecException.class)
        .hasMessage("value for /9999/0/2 is Opaque of 1000000 bytes but the resource is String and the value"
            + " does not convert exactly");
  }

  private static void assertRefused(Value value, ResourceType type) {
    assertThatThrownBy(() -> ValueConversion.toType(value, type, PATH))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("does not convert exactly");
  }
}
