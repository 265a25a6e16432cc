package org.lwm2m4j.transport.sms.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The concatenation element of a UDH, read for the SMSC's log (3GPP TS 23.040 §9.2.3.24.1 and .8). */
class UserDataHeaderTest {
  @Test
  void readsThe8BitReferenceConcatenationElement() {
    byte[] userData = {0x05, 0x00, 0x03, (byte) 0xC4, 0x03, 0x02, 0x41};

    assertThat(UserDataHeader.part(userData)).contains(new SmsRecord.Part(0xC4, 2, 3));
  }

  @Test
  void readsThe16BitReferenceConcatenationElement() {
    byte[] userData = {0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0x41};

    assertThat(UserDataHeader.part(userData)).contains(new SmsRecord.Part(0x1234, 1, 2));
  }

  @Test
  void skipsOtherElementsBeforeTheConcatenation() {
    // a port addressing element (0x05, 4 bytes) first
    byte[] userData = {0x0B, 0x05, 0x04, 0x16, 0x34, 0x00, 0x00, 0x00, 0x03, 0x07, 0x02, 0x02, 0x41};

    assertThat(UserDataHeader.part(userData)).contains(new SmsRecord.Part(7, 2, 2));
  }

  @Test
  void aHeaderLongerThanTheDataIsNoPart() {
    assertThat(UserDataHeader.part(new byte[] {0x05, 0x00, 0x03, 0x01})).isEmpty();
    assertThat(UserDataHeader.part(new byte[] {0x03, 0x00, 0x09, 0x01, 0x02})).isEmpty();
    assertThat(UserDataHeader.part(new byte[0])).isEmpty();
  }

  @Test
  void aHeaderWithoutConcatenationIsNoPart() {
    assertThat(UserDataHeader.part(new byte[] {0x04, 0x05, 0x02, 0x16, 0x34, 0x41})).isEmpty();
  }
}
