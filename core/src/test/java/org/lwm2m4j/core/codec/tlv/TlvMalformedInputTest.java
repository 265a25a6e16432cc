package org.lwm2m4j.core.codec.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.MODELS;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.hex;
import static org.lwm2m4j.core.codec.tlv.TlvFixtures.integers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/** Every malformed payload is a CodecException that says what is wrong and at which byte. */
class TlvMalformedInputTest {
  private final TlvCodec codec = new TlvCodec();

  private CodecException rejected(String path, String payloadHex) {
    return assertThrows(CodecException.class, () -> codec.decode(hex(payloadHex), LwM2mPath.parse(path), MODELS));
  }

  private static void assertAt(CodecException e, long offset, String... fragments) {
    assertThat(e.offset()).as(e.getMessage()).hasValue(offset);
    assertThat(e.getMessage()).contains(fragments);
  }

  // Framing

  @Test
  void truncatedTypeByteAloneIsRejectedWithOffset() {
    assertAt(rejected("/3/0", "C1 09 64 C8"), 3, "truncated TLV header", "only 1 bytes remain");
  }

  @Test
  void truncated16BitIdentifierIsRejected() {
    assertAt(rejected("/3303/0", "E4 16"), 0, "truncated TLV header", "3-byte header but only 2");
  }

  @Test
  void missingLengthFieldIsRejected() {
    assertAt(rejected("/3/0/0", "D0 00 01"), 0, "truncated TLV header", "4-byte header but only 3");
  }

  @Test
  void valueLongerThanThePayloadIsRejected() {
    assertAt(rejected("/3/0/0", "C8 00 14 4F 70"), 0, "value of 20 bytes overruns the 2 bytes that remain in the payload");
  }

  @Test
  void hugeDeclaredLengthIsRejectedBeforeAnythingIsAllocated() {
    assertAt(rejected("/5/0/0", "D8 00 FF FF FF 01 02"), 0, "value of 16777215 bytes overruns the 2 bytes");
  }

  @Test
  void entryOverrunningItsContainerIsRejectedEvenWhenThePayloadIsLongEnough() {
    assertAt(rejected("/3/0", "88 07 03 42 00 0E D8"), 3, "value of 2 bytes overruns the 1 bytes that remain in the enclosing TLV");
  }

  @Test
  void objectInstanceLengthOverrunningThePayloadIsRejected() {
    assertAt(rejected("/1", "08 00 10 C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55"), 0, "overruns");
  }

  @Test
  void reservedIdentifier65535IsRejected() {
    assertAt(rejected("/3/0", "E1 FF FF 01"), 0, "identifier 65535 is reserved");
    assertAt(rejected("/1", "20 FF FF"), 0, "identifier 65535 is reserved");
  }

  @Test
  void trailingBytesAfterASingleResourceAreRejected() {
    assertAt(rejected("/3/0/9", "C1 09 64 00"), 3, "unexpected data after the Resource TLV for /3/0/9");
  }

  @Test
  void trailingBytesAfterALoneResourceInstanceAreRejected() {
    assertAt(rejected("/3/0/7/1", "42 01 13 88 FF"), 4, "unexpected data after the Resource Instance TLV for /3/0/7/1");
  }

  @Test
  void secondObjectInstanceAtAnInstancePathIsRejected() {
    assertAt(rejected("/1/0", "00 00 01 00"), 2, "unexpected data after the Object Instance TLV", "/1/0");
  }

  @Test
  void emptyPayloadForAResourceIsRejected() {
    assertAt(rejected("/3/0/7", ""), 0, "empty payload", "Multiple Resource TLV for /3/0/7");
    assertAt(rejected("/3/0/7/0", ""), 0, "empty payload", "Resource Instance TLV for /3/0/7/0");
  }

  // Structure: which kind may stand where

  @Test
  void resourceTlvAtObjectLevelIsRejected() {
    assertAt(rejected("/3", "C1 09 64"), 0, "Resource TLV cannot stand at the top level", "/3", "Object Instance TLV");
  }

  @Test
  void objectInstanceNestedInAnObjectInstanceIsRejected() {
    assertAt(rejected("/3", "02 00 00 01"), 2, "Object Instance TLV (id 1) cannot appear among the resources of /3/0");
  }

  @Test
  void objectInstanceAfterBareResourcesIsRejected() {
    assertAt(rejected("/3/0", "C1 09 64 00 00"), 3, "Object Instance TLV (id 0) cannot appear among the resources of /3/0");
  }

  @Test
  void resourceInstanceOutsideAMultipleResourceIsRejected() {
    assertAt(rejected("/3/0", "C1 09 64 41 00 01"), 3, "Resource Instance TLV (id 0)", "inside a Multiple Resource TLV");
  }

  @Test
  void resourceTlvInsideAMultipleResourceIsRejected() {
    assertAt(rejected("/3/0/7", "83 07 C1 00 01"), 2, "holds only Resource Instance TLVs", "/3/0/7", "Resource TLV with id 0");
  }

  @Test
  void multipleResourceSentAsSingleResourceTlvIsRejected() {
    assertAt(rejected("/3/0", "C2 07 0E D8"), 0, "/3/0/7", "is multiple-instance and must be sent as a Multiple Resource TLV");
    assertAt(rejected("/3/0/7", "C2 07 0E D8"), 0, "/3/0/7", "is multiple-instance");
  }

  @Test
  void singleResourceSentAsMultipleResourceTlvIsRejected() {
    assertAt(rejected("/3/0/9", "83 09 41 00 64"), 0, "/3/0/9", "is single-instance and must be sent as a Resource TLV");
  }

  @Test
  void bareResourceInstancesForAMultipleResourcePathAreRejected() {
    assertAt(rejected("/3/0/7", "42 00 0E D8 42 01 13 88"), 0, "expected a Multiple Resource TLV with id 7",
        "found a Resource Instance TLV with id 0");
  }

  @Test
  void resourceTlvForAnotherResourceThanThePathIsRejected() {
    assertAt(rejected("/3/0/9", "C1 0A 0F"), 0, "expected a Resource TLV with id 9 for /3/0/9", "with id 10");
  }

  @Test
  void resourceInstanceTlvForAnotherInstanceThanThePathIsRejected() {
    assertAt(rejected("/3/0/7/0", "42 01 13 88"), 0, "expected a Resource Instance TLV with id 0 for /3/0/7/0", "with id 1");
  }

  @Test
  void objectInstanceTlvWithAnotherIdThanThePathIsRejected() {
    assertAt(rejected("/1/1", "08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55"), 0,
        "Object Instance TLV is for instance 0 but the path names /1/1");
  }

  @Test
  void resourceInstancePathOfASingleResourceIsRejected() {
    CodecException e = rejected("/3/0/9/0", "41 00 64");
    assertThat(e.getMessage()).contains("/3/0/9 (Battery Level) is single-instance", "/3/0/9/0 names no resource instance");
  }

  // Model

  @Test
  void unknownResourceIsRejectedWithItsOffset() {
    assertAt(rejected("/3/0", "C1 09 64 C1 63 01"), 3, "object 3 (Device) has no resource 99", "/3/0/99");
  }

  @Test
  void unknownResourceInThePathIsRejected() {
    assertThat(rejected("/3/0/99", "C1 63 01").getMessage()).contains("object 3 (Device) has no resource 99");
  }

  @Test
  void unknownObjectIsRejected() {
    assertThat(rejected("/4242/0", "C1 00 01").getMessage()).contains("no model for object 4242");
  }

  @Test
  void executableResourceWithAValueIsRejected() {
    assertAt(rejected("/3/0/4", "C0 04"), 2, "/3/0/4 (Reboot) is executable and carries no value");
  }

  @Test
  void rootPathIsRejected() {
    assertThrows(CodecException.class, () -> codec.decode(new byte[0], LwM2mPath.ROOT, MODELS));
  }

  // Duplicates

  @Test
  void adjacentDuplicateResourceIsRejected() {
    assertAt(rejected("/3/0", "C1 09 64 C1 09 65"), 3, "duplicate resource id 9 in the payload for /3/0");
  }

  @Test
  void nonAdjacentDuplicateResourceIsRejectedAtItsSecondOccurrence() {
    assertAt(rejected("/3/0", "C1 0A 0F C1 09 64 C1 0A 10"), 6, "duplicate resource id 10 in the payload for /3/0");
  }

  @Test
  void duplicateObjectInstanceIsRejected() {
    assertAt(rejected("/1", "02 02 C0 07 02 01 C0 07 02 02 C0 07"), 8, "duplicate object instance id 2 in the payload for /1");
  }

  @Test
  void duplicateResourceInstanceIsRejected() {
    assertAt(rejected("/3/0/7", "88 07 0B 42 01 0E D8 41 00 00 42 01 13 88"), 10,
        "duplicate resource instance id 1 in the payload for /3/0/7");
  }

  @Test
  void outOfOrderUniqueIdsAreAcceptedAndSorted() {
    assertThat(codec.decode(hex("C1 0A 0F C1 09 64"), LwM2mPath.parse("/3/0"), MODELS))
        .isEqualTo(LwM2mObjectInstance.of(0, SingleResource.of(9, Value.ofInteger(100)),
            SingleResource.of(10, Value.ofInteger(15))));
    assertThat(codec.decode(hex("86 07 41 01 05 41 00 03"), LwM2mPath.parse("/3/0/7"), MODELS))
        .isEqualTo(integers(7, 0, 3, 1, 5));
  }

  // Values

  @Test
  void integerOfThreeBytesIsRejected() {
    assertAt(rejected("/3/0/9", "C3 09 00 00 64"), 2, "Integer value of /3/0/9 is 3 bytes long; it must be 1, 2, 4 or 8");
  }

  @Test
  void emptyIntegerIsRejected() {
    assertAt(rejected("/3/0/9", "C0 09"), 2, "Integer value of /3/0/9 is 0 bytes long");
  }

  @Test
  void timeOfFiveBytesIsRejected() {
    assertAt(rejected("/3/0/13", "C5 0D 00 51 82 42 8F"), 2, "Time value of /3/0/13 is 5 bytes long");
  }

  @Test
  void unsignedOfSixBytesIsRejected() {
    assertAt(rejected("/10001/0/1", "C6 01 00 00 00 00 00 C8"), 2, "Unsigned Integer value of /10001/0/1 is 6 bytes long");
  }

  @Test
  void floatOfTwoBytesIsRejected() {
    assertAt(rejected("/3303/0/5700", "E2 16 44 41 B4"), 3, "Float value of /3303/0/5700 is 2 bytes long; it must be 4 or 8");
  }

  @Test
  void booleanOfTwoBytesIsRejected() {
    assertAt(rejected("/1/0/6", "C2 06 00 01"), 2, "Boolean value of /1/0/6 is 2 bytes long; it must be 1");
  }

  @Test
  void booleanOtherThanZeroOrOneIsRejected() {
    assertAt(rejected("/1/0/6", "C1 06 02"), 2, "Boolean value of /1/0/6 is 2; it must be 0 or 1");
  }

  @Test
  void objlnkOfThreeBytesIsRejected() {
    assertAt(rejected("/66/0/2", "C3 02 00 42 00"), 2, "Objlnk value of /66/0/2 is 3 bytes long; it must be 4");
  }

  @Test
  void invalidUtf8IsRejected() {
    assertAt(rejected("/3/0/0", "C2 00 C3 28"), 2, "invalid UTF-8 in the string value of /3/0/0");
  }

  @Test
  void truncatedUtf8SequenceIsRejected() {
    assertAt(rejected("/3/0", "C1 09 64 C2 0E 2B E2"), 5, "invalid UTF-8 in the string value of /3/0/14");
  }

  @Test
  void badValueInsideAMultipleResourceNamesTheResourceInstance() {
    assertAt(rejected("/3/0/7", "88 07 09 42 00 0E D8 43 01 00 13 88"), 9, "Integer value of /3/0/7/1 is 3 bytes long");
  }

  // Leniency the spec asks for

  @Test
  void lengthFieldsLongerThanNecessaryAreAccepted() {
    SingleResource battery = SingleResource.of(9, Value.ofInteger(100));
    LwM2mPath path = LwM2mPath.parse("/3/0/9");
    assertThat(codec.decode(hex("C8 09 01 64"), path, MODELS)).isEqualTo(battery);
    assertThat(codec.decode(hex("D0 09 00 01 64"), path, MODELS)).isEqualTo(battery);
    assertThat(codec.decode(hex("D8 09 00 00 01 64"), path, MODELS)).isEqualTo(battery);
  }

  @Test
  void shortLengthBitsAreIgnoredWhenALengthFieldIsPresent() {
    assertThat(codec.decode(hex("CF 09 01 64"), LwM2mPath.parse("/3/0/9"), MODELS))
        .isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
  }

  @Test
  void sixteenBitIdentifierBelow256IsAccepted() {
    assertThat(codec.decode(hex("E1 00 09 64"), LwM2mPath.parse("/3/0/9"), MODELS))
        .isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
  }

  @Test
  void unsignedIsDecodedWithoutSignExtension() {
    assertThat(codec.decode(hex("C1 01 C8"), LwM2mPath.parse("/10001/0/1"), MODELS))
        .isEqualTo(SingleResource.of(1, Value.ofUnsigned(200)));
    assertThat(codec.decode(hex("C8 01 08 FF FF FF FF FF FF FF FF"), LwM2mPath.parse("/10001/0/1"), MODELS))
        .isEqualTo(SingleResource.of(1, Value.ofUnsigned(-1L)));
  }

  @Test
  void emptyPayloadsForObjectsAndInstancesAreEmptyNodes() {
    assertThat(codec.decode(new byte[0], LwM2mPath.parse("/1"), MODELS)).isEqualTo(new LwM2mObject(1, List.of()));
    assertThat(codec.decode(new byte[0], LwM2mPath.parse("/1/3"), MODELS)).isEqualTo(new LwM2mObjectInstance(3, List.of()));
    assertThat(codec.decode(hex("00 03"), LwM2mPath.parse("/1/3"), MODELS)).isEqualTo(new LwM2mObjectInstance(3, List.of()));
  }
}
