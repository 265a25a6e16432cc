package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.dtls.PeerIdentity;

/**
 * One CoAP message on a {@link TwinNetwork}, at the level the state machines care about: type,
 * message ID, token and either a request, a response (piggybacked on an ACK, or a notification) or
 * nothing (empty ACK, Reset, ping). No bytes: options travel as our own values.
 *
 * @param identity what the sending endpoint presents, e.g. a PSK identity (none for plain CoAP)
 * @param attempt the transmission count of this message (1 = first)
 */
record TwinDatagram(Type type, int messageId, byte[] token, InetSocketAddress from, InetSocketAddress to,
    Optional<PeerIdentity> identity, Optional<CoapRequest> request, Optional<CoapResponse> response, int attempt) {

  /** The CoAP message types (RFC 7252 §3). */
  enum Type { CON, NON, ACK, RST }

  TwinDatagram {
    token = token.clone();
  }

  /** This message as its {@code attempt}-th transmission. */
  TwinDatagram attempt(int attempt) {
    return new TwinDatagram(type, messageId, token, from, to, identity, request, response, attempt);
  }

  /** An empty ACK or RST answering this message, from its receiver. */
  TwinDatagram emptyAnswer(Type answerType, Optional<PeerIdentity> answerIdentity) {
    return new TwinDatagram(answerType, messageId, new byte[0], to, from, answerIdentity, Optional.empty(), Optional.empty(), 1);
  }

  String tokenText() {
    return HexFormat.of().formatHex(token);
  }

  boolean isEmpty() {
    return request.isEmpty() && response.isEmpty();
  }

  /** What the exchange log calls this message. */
  TwinExchange.Kind kind() {
    if (request.isPresent()) {
      return TwinExchange.Kind.REQUEST;
    }
    if (response.isPresent()) {
      return type == Type.ACK ? TwinExchange.Kind.RESPONSE : TwinExchange.Kind.NOTIFICATION;
    }
    return switch (type) {
      case CON, NON -> TwinExchange.Kind.PING;
      case ACK -> TwinExchange.Kind.ACK;
      case RST -> TwinExchange.Kind.RESET;
    };
  }
}
