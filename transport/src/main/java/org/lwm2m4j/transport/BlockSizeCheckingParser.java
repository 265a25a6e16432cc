package org.lwm2m4j.transport;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's UDP parser, with one mistake of the peer's made a format error: a message whose
 * payload is larger than the block size its own Block1 or Block2 option declares. Californium checks
 * that with an {@link IllegalStateException}, which escapes the parser, leaves a confirmable request
 * unanswered and is logged as an ERROR with its stack trace. As a {@link CoAPMessageFormatException}
 * carrying 4.00, the endpoint answers such a request 4.00 and drops anything else quietly, as it
 * does for every other malformed message.
 */
final class BlockSizeCheckingParser extends UdpDataParser {
  BlockSizeCheckingParser(boolean strictEmptyMessageFormat) {
    // no custom options are critical, as in the parser Californium builds by default
    super(strictEmptyMessageFormat, new int[0]);
  }

  @Override
  protected Message parseMessage(DatagramReader reader, MessageHeader header, Message target) {
    try {
      return super.parseMessage(reader, header, target);
    } catch (IllegalStateException e) {
      throw new CoAPMessageFormatException(e.getMessage(), header.getToken(), header.getMID(), header.getCode(),
          header.getType() == CoAP.Type.CON, CoAP.ResponseCode.BAD_REQUEST);
    }
  }
}
