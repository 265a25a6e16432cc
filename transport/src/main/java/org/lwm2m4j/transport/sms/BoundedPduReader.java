package org.lwm2m4j.transport.sms;

import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;

/**
 * jSMPP's PDU reader with a bound on {@code command_length}: jSMPP's own allocates whatever length
 * the peer claims (1.2 GB when the configured port is an HTTP server answering "HTTP…") and fails
 * on a negative one with an unchecked exception. Here a length under the 16-byte header or over
 * {@value #MAX_COMMAND_LENGTH} bytes (a deliver_sm with the largest message_payload fits) is refused
 * before anything is allocated; jSMPP then answers generic_nack and closes that one session (our
 * ESME binds again later). Both sides use it: {@link SmsNetwork}'s session and the SMSC simulator's.
 */
public final class BoundedPduReader extends DefaultPDUReader {
  /** The longest PDU taken: 64 KiB of message_payload and room for the rest of a deliver_sm. */
  static final int MAX_COMMAND_LENGTH = 70_000;

  @Override
  public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
    int length = in.readInt();
    if (length < SMPPConstant.PDU_HEADER_LENGTH || length > MAX_COMMAND_LENGTH) {
      throw new InvalidCommandLengthException("command_length " + length + " is outside "
          + SMPPConstant.PDU_HEADER_LENGTH + ".." + MAX_COMMAND_LENGTH + ": not an SMPP peer, or a broken one");
    }
    Command header = new Command();
    header.setCommandLength(length);
    header.setCommandId(in.readInt());
    header.setCommandStatus(in.readInt());
    header.setSequenceNumber(in.readInt());
    return header;
  }
}
