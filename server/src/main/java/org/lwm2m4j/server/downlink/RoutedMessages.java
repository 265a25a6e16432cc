package org.lwm2m4j.server.downlink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The bytes {@link ClusterRouting} sends between nodes: a routed request (the CoAP message as the
 * caller's chain built it, the registration it is for, its timeout and whether it observes) and
 * its answers (the response, each notification, or why it failed), each tagged with the caller's
 * request id. Compact and versioned by its first byte.
 */
final class RoutedMessages {
  private static final int VERSION = 1;

  private RoutedMessages() {}

  /** A request for the owner to send: {@code id} is the caller's, echoed in every answer. */
  record RoutedRequest(long id, String registrationId, Duration timeout, boolean observe, CoapRequest request) {}

  /** What the owner answers: the response, a notification, or a failure (code, message). */
  record RoutedAnswer(long id, Kind kind, Optional<CoapResponse> response, ResponseCode failureCode, String failureMessage) {
    static RoutedAnswer response(long id, CoapResponse response) {
      return new RoutedAnswer(id, Kind.RESPONSE, Optional.of(response), ResponseCode.INTERNAL_SERVER_ERROR, "");
    }

    static RoutedAnswer notification(long id, CoapResponse notification) {
      return new RoutedAnswer(id, Kind.NOTIFICATION, Optional.of(notification), ResponseCode.INTERNAL_SERVER_ERROR, "");
    }

    static RoutedAnswer failure(long id, Kind kind, ResponseCode code, String message) {
      return new RoutedAnswer(id, kind, Optional.empty(), code, message);
    }
  }

  /** The kinds of answer; the failures say how the caller rebuilds the exception. */
  enum Kind {
    RESPONSE, NOTIFICATION,
    /** The device did not answer in time: a {@link java.util.concurrent.TimeoutException}. */
    TIMEOUT,
    /** A failure with a CoAP code (an {@code LwM2mException}). */
    ERROR,
    /** The message could not be sent: an {@link IOException}. */
    IO
  }

  static byte[] encode(RoutedRequest routed) {
    return write(out -> {
      out.writeByte(VERSION);
      out.writeLong(routed.id());
      out.writeUTF(routed.registrationId());
      out.writeLong(routed.timeout().toMillis());
      out.writeBoolean(routed.observe());
      CoapRequest request = routed.request();
      out.writeByte(request.method().code());
      strings(out, request.path());
      strings(out, request.query());
      optionalInt(out, request.contentFormat());
      optionalInt(out, request.accept());
      bytes(out, request.payload());
      bytes(out, request.peer().getAddress().getAddress());
      out.writeShort(request.peer().getPort());
      optionalInt(out, request.observe());
      bytes(out, request.token());
    });
  }

  static RoutedRequest decodeRequest(byte[] message) {
    return read(message, in -> {
      version(in);
      long id = in.readLong();
      String registrationId = in.readUTF();
      Duration timeout = Duration.ofMillis(in.readLong());
      boolean observe = in.readBoolean();
      int methodCode = in.readUnsignedByte();
      CoapMethod method = CoapMethod.ofCode(methodCode)
          .orElseThrow(() -> new IOException("unknown CoAP method code " + methodCode));
      List<String> path = strings(in);
      List<String> query = strings(in);
      OptionalInt contentFormat = optionalInt(in);
      OptionalInt accept = optionalInt(in);
      byte[] payload = bytes(in);
      InetSocketAddress peer = new InetSocketAddress(InetAddress.getByAddress(bytes(in)), in.readUnsignedShort());
      OptionalInt observeOption = optionalInt(in);
      byte[] token = bytes(in);
      return new RoutedRequest(id, registrationId, timeout, observe,
          new CoapRequest(method, path, query, contentFormat, accept, payload, peer, observeOption, token, Optional.empty()));
    });
  }

  static byte[] encode(RoutedAnswer answer) {
    return write(out -> {
      out.writeByte(VERSION);
      out.writeLong(answer.id());
      out.writeByte(answer.kind().ordinal());
      if (answer.response().isPresent()) {
        CoapResponse response = answer.response().get();
        out.writeShort(response.code().value());
        optionalInt(out, response.contentFormat());
        strings(out, response.locationPath());
        bytes(out, response.payload());
        optionalInt(out, response.observe());
      } else {
        out.writeShort(answer.failureCode().value());
        out.writeUTF(answer.failureMessage());
      }
    });
  }

  static RoutedAnswer decodeAnswer(byte[] message) {
    return read(message, in -> {
      version(in);
      long id = in.readLong();
      int kindIndex = in.readUnsignedByte();
      if (kindIndex >= Kind.values().length) {
        throw new IOException("unknown answer kind " + kindIndex);
      }
      Kind kind = Kind.values()[kindIndex];
      ResponseCode code = code(in.readUnsignedShort());
      if (kind == Kind.RESPONSE || kind == Kind.NOTIFICATION) {
        OptionalInt contentFormat = optionalInt(in);
        List<String> location = strings(in);
        byte[] payload = bytes(in);
        OptionalInt observe = optionalInt(in);
        CoapResponse response = new CoapResponse(code, contentFormat, location, payload, observe);
        return new RoutedAnswer(id, kind, Optional.of(response), ResponseCode.INTERNAL_SERVER_ERROR, "");
      }
      return RoutedAnswer.failure(id, kind, code, in.readUTF());
    });
  }

  private static ResponseCode code(int value) throws IOException {
    return ResponseCode.fromValue(value).orElseThrow(() -> new IOException("unknown response code " + value));
  }

  private static void version(DataInputStream in) throws IOException {
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("routed message version " + version + ", this node speaks " + VERSION
          + "; run the same lwm2m4j version on every node");
    }
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeShort(values.size());
    for (String value : values) {
      out.writeUTF(value);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(in.readUTF());
    }
    return values;
  }

  private static void optionalInt(DataOutputStream out, OptionalInt value) throws IOException {
    out.writeInt(value.orElse(-1));
  }

  private static OptionalInt optionalInt(DataInputStream in) throws IOException {
    int value = in.readInt();
    return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static void bytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a field of " + length + " bytes in a routed message of " + in.available() + " bytes left");
    }
    return in.readNBytes(length);
  }

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  private interface Reading<T> {
    T from(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] message, Reading<T> reading) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      return reading.from(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed routed message: " + e.getMessage(), e);
    }
  }
}
