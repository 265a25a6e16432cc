package org.lwm2m4j.transport.sms.smsc;

import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.bean.Command;

/**
 * jSMPP's PDU reader with a bound on {@code command_length}: jSMPP's own allocates whatever length
 * the first four bytes claim (1.2 GB for a stray {@code "GET "}) before reading a byte of the body.
 * A length out of range is refused before anything is allocated, and jSMPP then answers {@code
 * generic_nack} (ESME_RINVCMDLEN) and closes that one session.
 */
final class BoundedPduReader extends DefaultPDUReader {
  private static final int HEADER_LENGTH = 16;
  /** The largest PDU taken: a submit_sm with a 64 KiB message_payload and room for its fields. */
  static final int MAX_LENGTH = 70_000;

  @Override
  public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
    int length = in.readInt();
    if (length < HEADER_LENGTH || length > MAX_LENGTH) {
      throw new InvalidCommandLengthException("command_length " + length + " is not between " + HEADER_LENGTH + " and " + MAX_LENGTH);
    }
    Command header = new Command();
    header.setCommandLength(length);
    header.setCommandId(in.readInt());
    header.setCommandStatus(in.readInt());
    header.setSequenceNumber(in.readInt());
    return header;
  }
}
