package org.lwm2m4j.core.codec.single;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

class OpaqueCodecTest {
  private static final LwM2mPath FIRMWARE_PACKAGE = LwM2mPath.parse("/5/0/0");

  private final OpaqueCodec codec = new OpaqueCodec();

  @Test
  void isTheOpaqueFormatForResourcesAndResourceInstancesOnly() {
    assertThat(codec.format()).isEqualTo(ContentFormat.OPAQUE);
    assertThat(codec.supports(FIRMWARE_PACKAGE)).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/9999/0/11/0"))).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/5/0"))).isFalse();
  }

  @Test
  void firmwareImageIsCarriedAsRawBytes() {
    byte[] image = new byte[70_000];
    for (int i = 0; i < image.length; i++) {
      image[i] = (byte) (i * 31);
    }
    LwM2mNode node = codec.decode(image, FIRMWARE_PACKAGE, LOOKUP);
    assertThat(node).isEqualTo(SingleResource.of(0, Value.of(image)));
    assertThat(codec.encode(node, FIRMWARE_PACKAGE, LOOKUP)).isEqualTo(image);
  }

  @Test
  void emptyPayloadIsAnEmptyValue() {
    assertThat(codec.decode(new byte[0], FIRMWARE_PACKAGE, LOOKUP)).isEqualTo(SingleResource.of(0, Value.of(new byte[0])));
  }

  @Test
  void callersKeepOwnershipOfTheirArrays() {
    byte[] payload = {1, 2, 3};
    SingleResource decoded = (SingleResource) codec.decode(payload, FIRMWARE_PACKAGE, LOOKUP);
    payload[0] = 9;
    assertThat(((OpaqueValue) decoded.value()).bytes()).containsExactly(1, 2, 3);

    byte[] encoded = codec.encode(decoded, FIRMWARE_PACKAGE, LOOKUP);
    encoded[1] = 9;
    assertThat(((OpaqueValue) decoded.value()).bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void resourceInstanceOfAMultipleOpaqueResource() {
    LwM2mPath path = AllTypesPaths.instance(ResourceType.OPAQUE);
    LwM2mNode node = codec.decode(new byte[] {(byte) 0xCA, (byte) 0xFE}, path, LOOKUP);
    assertThat(node).isEqualTo(LwM2mResourceInstance.of(0, Value.of(new byte[] {(byte) 0xCA, (byte) 0xFE})));
    assertThat(codec.encode(node, path, LOOKUP)).containsExactly(0xCA, 0xFE);
  }

  @Test
  void resourcesOfAnyOtherTypeAreRefused() {
    assertThatThrownBy(() -> codec.decode(new byte[] {'x'}, LwM2mPath.parse("/3/0/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("application/octet-stream carries Opaque resources only; /3/0/0 (Manufacturer) is String,"
            + " use text/plain or CBOR");
    assertThatThrownBy(() -> codec.encode(SingleResource.of(0, Value.of("x")), LwM2mPath.parse("/3/0/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("carries Opaque resources only");
  }

  @Test
  void nonOpaqueValueForAnOpaqueResourceIsRefused() {
    assertThatThrownBy(() -> codec.encode(SingleResource.of(0, Value.of("image")), FIRMWARE_PACKAGE, LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("value for /5/0/0 is String image but the resource is Opaque and the value does not convert exactly");
  }

  @Test
  void multipleResourceExecutableAndInstanceTargetsAreRefused() {
    assertThatThrownBy(() -> codec.decode(new byte[1], AllTypesPaths.instance(ResourceType.OPAQUE).parent(), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("is multiple-instance; application/octet-stream carries one value");
    assertThatThrownBy(() -> codec.decode(new byte[1], LwM2mPath.parse("/5/0/2"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("resource /5/0/2 (Update) is executable and has no value to carry in application/octet-stream");
    assertThatThrownBy(() -> codec.decode(new byte[1], LwM2mPath.parse("/5/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("/5/0 is an object instance");
  }
}
