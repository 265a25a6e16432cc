package org.lwm2m4j.client.bootstrap.smartcard;

import java.util.HexFormat;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The card side of the layout in docs/smartcard.md, spoken over one PC/SC channel: SELECT by AID,
 * then READ BINARY in chunks until the header's declared length is in. Not thread-safe; one use
 * per card session.
 */
final class BootstrapApplet {
  /** Proprietary AID (RID category F): F0 then "lwm2m4j" in ASCII. */
  static final byte[] AID = {(byte) 0xF0, 0x6C, 0x77, 0x6D, 0x32, 0x6D, 0x34, 0x6A};

  static final int SW_OK = 0x9000;
  static final int SW_FILE_NOT_FOUND = 0x6A82;
  static final int SW_WRONG_OFFSET = 0x6B00;

  /** The largest Le we ask for (a short Le of 00 would mean 256, which the layout does not use). */
  static final int MAX_CHUNK = 255;

  private static final int CLA = 0x00;
  private static final int INS_SELECT = 0xA4;
  private static final int INS_READ_BINARY = 0xB0;
  private static final int SELECT_BY_AID = 0x04;

  private final CardChannel channel;
  private final String readerName;

  BootstrapApplet(CardChannel channel, String readerName) {
    this.channel = channel;
    this.readerName = readerName;
  }

  /**
   * Selects the bootstrap applet.
   *
   * @return false when the card has no such applet (6A 82)
   */
  boolean select() throws CardException, SmartcardException {
    ResponseAPDU response = channel.transmit(new CommandAPDU(CLA, INS_SELECT, SELECT_BY_AID, 0x00, AID));
    int sw = response.getSW();
    if (sw == SW_FILE_NOT_FOUND) {
      return false;
    }
    if (sw != SW_OK) {
      throw new SmartcardException("card in reader '" + readerName + "' answered SELECT of the lwm2m4j"
          + " bootstrap applet (AID " + HexFormat.of().formatHex(AID) + ") with status " + hex(sw)
          + "; expected 9000 or 6A82");
    }
    return true;
  }

  /** Reads the whole bootstrap file of the selected applet. */
  byte[] readFile() throws CardException, SmartcardException {
    byte[] header = readBinary(0, BootstrapCardFile.HEADER_LENGTH);
    int length = BootstrapCardFile.declaredLength(header);
    byte[] file = new byte[length];
    System.arraycopy(header, 0, file, 0, header.length);
    int offset = header.length;
    while (offset < length) {
      byte[] chunk = readBinary(offset, Math.min(MAX_CHUNK, length - offset));
      System.arraycopy(chunk, 0, file, offset, chunk.length);
      offset += chunk.length;
    }
    return file;
  }

  private byte[] readBinary(int offset, int expected) throws CardException, SmartcardException {
    ResponseAPDU response = channel.transmit(
        new CommandAPDU(CLA, INS_READ_BINARY, offset >>> 8, offset & 0xFF, expected));
    int sw = response.getSW();
    if (sw == SW_WRONG_OFFSET) {
      throw new SmartcardException("card in reader '" + readerName + "' refused READ BINARY at offset "
          + offset + " (6B00): its file is shorter than the header declares");
    }
    if (sw != SW_OK) {
      throw new SmartcardException("card in reader '" + readerName + "' answered READ BINARY at offset "
          + offset + " with status " + hex(sw) + "; expected 9000");
    }
    byte[] data = response.getData();
    if (data.length != expected) {
      throw new SmartcardException("short read from card in reader '" + readerName + "': READ BINARY at"
          + " offset " + offset + " returned " + data.length + " of " + expected + " bytes");
    }
    return data;
  }

  private static String hex(int sw) {
    return String.format("%04X", sw);
  }
}
