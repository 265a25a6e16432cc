package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * {@link TwinDatagram}s as RFC 7252 bytes and back, through Californium's UDP serializer and parser
 * (the parser is the well-fuzzed one every Californium endpoint uses). Options beyond those our
 * message types carry (Uri-Path, Uri-Query, Content-Format, Accept, Observe, Location-Path) are
 * read past; a critical option the parser does not know makes the message malformed.
 * Thread-safe: the serializer and parser keep no state between calls.
 */
final class WireCodec {
  private final UdpDataSerializer serializer = new UdpDataSerializer();
  /** No custom option is critical, as in the parser our Californium endpoints use: an unknown critical option is a 4.02. */
  private final UdpDataParser parser = new UdpDataParser(false, new int[0]);

  /** What decoding one datagram gave: a message for an endpoint, or an answer that rejects it, or nothing. */
  sealed interface Decoded {
  }

  /** A well-formed message. */
  record Parsed(TwinDatagram datagram) implements Decoded {
  }

  /**
   * A malformed CON message, answered as Californium answers it: a request with a bad option
   * gets its error code (4.02) piggybacked, anything else a Reset.
   */
  record Rejected(TwinDatagram answer, String reason) implements Decoded {
  }

  /** A malformed message nobody answers (NON, or too broken to have a message ID). */
  record Ignored(String reason) implements Decoded {
  }

  /** The bytes of {@code datagram}. */
  byte[] encode(TwinDatagram datagram) {
    Message message;
    if (datagram.request().isPresent()) {
      message = request(datagram.request().get());
    } else if (datagram.response().isPresent()) {
      message = response(datagram.response().get());
    } else {
      message = new EmptyMessage(type(datagram.type()));
    }
    message.setType(type(datagram.type()));
    message.setMID(datagram.messageId());
    message.setToken(datagram.isEmpty() ? new byte[0] : datagram.token());
    return serializer.getByteArray(message);
  }

  private static Request request(CoapRequest request) {
    Request message = new Request(CoAP.Code.valueOf(request.method().code()));
    OptionSet options = message.getOptions();
    // segment by segment: setUriPath would join and split them again
    request.path().forEach(options::addUriPath);
    for (String query : request.query()) {
      options.addUriQuery(query);
    }
    request.contentFormat().ifPresent(options::setContentFormat);
    request.accept().ifPresent(options::setAccept);
    request.observe().ifPresent(options::setObserve);
    if (request.payload().length > 0) {
      message.setPayload(request.payload());
    }
    return message;
  }

  private static Response response(CoapResponse response) {
    Response message = new Response(CoAP.ResponseCode.valueOf(response.code().value()));
    OptionSet options = message.getOptions();
    response.contentFormat().ifPresent(options::setContentFormat);
    response.locationPath().forEach(options::addLocationPath);
    response.observe().ifPresent(options::setObserve);
    if (response.payload().length > 0) {
      message.setPayload(response.payload());
    }
    return message;
  }

  /** The message in {@code bytes}, which came from {@code from} to {@code to}. */
  Decoded decode(byte[] bytes, InetSocketAddress from, InetSocketAddress to) {
    Message message;
    try {
      message = parser.parseMessage(bytes);
    } catch (CoAPMessageFormatException e) {
      return rejection(e, from, to);
    } catch (MessageFormatException | IllegalArgumentException e) {
      return new Ignored(e.getMessage());
    }
    TwinDatagram.Type type = type(message.getType());
    byte[] token = message.getTokenBytes();
    if (message instanceof Request request) {
      CoapMethod method = CoapMethod.ofCode(request.getCode().value).orElse(null);
      return new Parsed(new TwinDatagram(type, message.getMID(), token, from, to, Optional.empty(),
          Optional.of(request(request, method, from)), Optional.empty(), 1));
    }
    if (message instanceof Response response) {
      Optional<ResponseCode> code = ResponseCode.fromValue(response.getCode().value);
      if (code.isEmpty()) {
        return new Ignored("unknown response code " + response.getCode());
      }
      return new Parsed(new TwinDatagram(type, message.getMID(), token, from, to, Optional.empty(), Optional.empty(),
          Optional.of(response(response, code.get())), 1));
    }
    return new Parsed(new TwinDatagram(type, message.getMID(), new byte[0], from, to, Optional.empty(), Optional.empty(),
        Optional.empty(), 1));
  }

  private static Decoded rejection(CoAPMessageFormatException e, InetSocketAddress from, InetSocketAddress to) {
    if (!e.isConfirmable() || !e.hasMid()) {
      return new Ignored(e.getMessage());
    }
    TwinDatagram.Type ack = TwinDatagram.Type.ACK;
    if (CoAP.isRequest(e.getCode()) && e.getErrorCode() != null) {
      Optional<ResponseCode> code = ResponseCode.fromValue(e.getErrorCode().value);
      if (code.isPresent()) {
        CoapResponse error = new CoapResponse(code.get(), OptionalInt.empty(), List.of(), new byte[0]);
        byte[] token = e.getToken() == null ? new byte[0] : e.getToken().getBytes();
        return new Rejected(new TwinDatagram(ack, e.getMid(), token, to, from, Optional.empty(), Optional.empty(),
            Optional.of(error), 1), e.getMessage());
      }
    }
    return new Rejected(new TwinDatagram(TwinDatagram.Type.RST, e.getMid(), new byte[0], to, from, Optional.empty(),
        Optional.empty(), Optional.empty(), 1), e.getMessage());
  }

  /** A request as our handlers take it (the empty Uri-Path segments of "/" dropped). */
  private static CoapRequest request(Request request, CoapMethod method, InetSocketAddress from) {
    OptionSet options = request.getOptions();
    List<String> path = new ArrayList<>(options.getUriPath());
    path.removeIf(String::isEmpty);
    return new CoapRequest(method, path, options.getUriQuery(),
        options.hasContentFormat() ? OptionalInt.of(options.getContentFormat()) : OptionalInt.empty(),
        options.hasAccept() ? OptionalInt.of(options.getAccept()) : OptionalInt.empty(),
        request.getPayload() == null ? new byte[0] : request.getPayload(), from,
        options.hasObserve() ? OptionalInt.of(options.getObserve()) : OptionalInt.empty(),
        request.getTokenBytes(), Optional.empty());
  }

  private static CoapResponse response(Response response, ResponseCode code) {
    OptionSet options = response.getOptions();
    return new CoapResponse(code, options.hasContentFormat() ? OptionalInt.of(options.getContentFormat()) : OptionalInt.empty(),
        options.getLocationPath(), response.getPayload() == null ? new byte[0] : response.getPayload(),
        options.hasObserve() ? OptionalInt.of(options.getObserve()) : OptionalInt.empty());
  }

  private static CoAP.Type type(TwinDatagram.Type type) {
    return switch (type) {
      case CON -> CoAP.Type.CON;
      case NON -> CoAP.Type.NON;
      case ACK -> CoAP.Type.ACK;
      case RST -> CoAP.Type.RST;
    };
  }

  private static TwinDatagram.Type type(CoAP.Type type) {
    return switch (type) {
      case CON -> TwinDatagram.Type.CON;
      case NON -> TwinDatagram.Type.NON;
      case ACK -> TwinDatagram.Type.ACK;
      case RST -> TwinDatagram.Type.RST;
    };
  }
}
