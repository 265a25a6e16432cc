package org.lwm2m4j.client.bootstrap.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/** The file layout of docs/smartcard.md, byte for byte, without any PC/SC. */
class BootstrapCardFileTest {
  private static final ObjectModelRegistry MODELS = ObjectModelRegistry.bundled();

  /** The example file of docs/smartcard.md. */
  private static final byte[] EXAMPLE = HexFormat.of().parseHex(
      "4c42010000" + "66"
          + "87"
          + "a200662f302f302f300375636f61703a2f2f3132372e302e302e313a35363833"
          + "a200662f302f302f3104f4"
          + "a200662f302f302f320203"
          + "a200672f302f302f31300201"
          + "a200662f312f302f300201"
          + "a200662f312f302f3102183c"
          + "a200662f312f302f37036155");

  private static Map<LwM2mPath, LwM2mObjectInstance> exampleInstances() {
    Map<LwM2mPath, LwM2mObjectInstance> instances = new LinkedHashMap<>();
    instances.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coap://127.0.0.1:5683")),
        SingleResource.of(1, Value.of(false)),
        SingleResource.of(2, Value.ofInteger(3)),
        SingleResource.of(10, Value.ofInteger(1))));
    instances.put(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.ofInteger(1)),
        SingleResource.of(1, Value.ofInteger(60)),
        SingleResource.of(7, Value.of("U"))));
    return instances;
  }

  @Test
  void encodesTheDocumentedExampleByteForByte() {
    assertThat(BootstrapCardFile.encode(exampleInstances(), MODELS)).isEqualTo(EXAMPLE);
  }

  @Test
  void decodesTheDocumentedExampleIntoInstancesInPathOrder() throws SmartcardException {
    Map<LwM2mPath, LwM2mObjectInstance> instances = BootstrapCardFile.decode(EXAMPLE, MODELS);

    assertThat(instances).containsExactlyEntriesOf(exampleInstances());
  }

  @Test
  void headerDeclaresTheWholeFileLength() throws SmartcardException {
    assertThat(BootstrapCardFile.declaredLength(EXAMPLE)).isEqualTo(EXAMPLE.length);
  }

  @Test
  void unknownVersionIsRejected() {
    byte[] file = EXAMPLE.clone();
    file[2] = 2;

    assertThatThrownBy(() -> BootstrapCardFile.decode(file, MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("version 2");
  }

  @Test
  void unknownPayloadClassIsRejected() {
    byte[] file = EXAMPLE.clone();
    file[3] = 1;

    assertThatThrownBy(() -> BootstrapCardFile.decode(file, MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("payload class 1");
  }

  @Test
  void shortHeaderIsRejected() {
    assertThatThrownBy(() -> BootstrapCardFile.declaredLength(new byte[] {0x4C, 0x42, 1}))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("3 bytes");
  }

  @Test
  void lengthBeyondWhatReadBinaryAddressesIsRejectedBeforeReading() {
    byte[] header = {0x4C, 0x42, 1, 0, (byte) 0xFF, (byte) 0xFF};

    assertThatThrownBy(() -> BootstrapCardFile.declaredLength(header))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("65541");
  }

  @Test
  void trailingBytesAfterTheDeclaredPayloadAreRejected() {
    byte[] file = java.util.Arrays.copyOf(EXAMPLE, EXAMPLE.length + 1);

    assertThatThrownBy(() -> BootstrapCardFile.decode(file, MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("declares " + EXAMPLE.length);
  }

  @Test
  void payloadThatIsNotSenmlCborIsRejectedWithTheCodecReason() {
    byte[] file = BootstrapCardFile.withHeader(new byte[] {(byte) 0xA0});

    assertThatThrownBy(() -> BootstrapCardFile.decode(file, MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("SenML CBOR");
  }

  @Test
  void resourceOfTheWrongTypeIsRejected() {
    // [{0: "/1/0/1", 3: "60"}]: lifetime as a string
    byte[] payload = HexFormat.of().parseHex("81a200662f312f302f31036236" + "30");

    assertThatThrownBy(() -> BootstrapCardFile.decode(BootstrapCardFile.withHeader(payload), MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("/1/0/1");
  }

  @Test
  void fileWithoutASecurityInstanceIsRejected() {
    Map<LwM2mPath, LwM2mObjectInstance> serverOnly = new LinkedHashMap<>(exampleInstances());
    serverOnly.remove(LwM2mPath.of(0, 0));
    byte[] file = BootstrapCardFile.encode(serverOnly, MODELS);

    assertThatThrownBy(() -> BootstrapCardFile.decode(file, MODELS))
        .isInstanceOf(SmartcardException.class).hasMessageContaining("no Security (/0) instance");
  }

  @Test
  void instanceKeyedByAnotherPathIsRefusedWhenEncoding() {
    Map<LwM2mPath, LwM2mObjectInstance> wrong = Map.of(LwM2mPath.of(0, 1),
        LwM2mObjectInstance.of(0, SingleResource.of(0, Value.of("coap://h"))));

    assertThatThrownBy(() -> BootstrapCardFile.encode(wrong, MODELS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadTooLargeForACardFileIsRefused() {
    assertThatThrownBy(() -> BootstrapCardFile.withHeader(new byte[BootstrapCardFile.MAX_LENGTH]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
  }
}
