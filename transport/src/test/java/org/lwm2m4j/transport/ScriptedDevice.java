package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.lwm2m4j.core.error.ResponseCode;

/**
 * A device for tests: a raw UDP socket on 127.0.0.1 that records every CoAP request it receives
 * and answers each with what its script returns, and sends what the test tells it to (a Register,
 * notifications with the Observe numbers the test picks). Californium's parser and serializer do
 * the bytes and nothing else of Californium runs, so every option and number on the wire is the
 * test's. One reader thread, ended by {@link #close}.
 */
public final class ScriptedDevice implements AutoCloseable {
  private static final long WAIT_SECONDS = 5;

  private final DatagramSocket socket;
  private final Function<CoapRequest, CoapResponse> script;
  private final List<CoapRequest> received = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Response> answers = new LinkedBlockingQueue<>();
  private final AtomicInteger messageIds = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
  private final Thread reader;

  private ScriptedDevice(DatagramSocket socket, Function<CoapRequest, CoapResponse> script) {
    this.socket = socket;
    this.script = script;
    this.reader = new Thread(this::read, "scripted-device-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  /** A device on a free port of 127.0.0.1 that answers each request with {@code script}'s response. */
  public static ScriptedDevice start(Function<CoapRequest, CoapResponse> script) throws IOException {
    return new ScriptedDevice(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)), script);
  }

  /** A 2.05 Content in text/plain, e.g. a resource value. */
  public static CoapResponse text(String value) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), value.getBytes(StandardCharsets.UTF_8));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Every request received so far, in arrival order. */
  public List<CoapRequest> received() {
    return List.copyOf(received);
  }

  /**
   * Registers with the server at {@code server} as {@code endpoint} with {@code lwm2m=version},
   * announcing the Device object and instance; completes with the server's answer.
   */
  public CoapResponse register(InetSocketAddress server, String endpoint, String version) throws IOException, InterruptedException {
    Request register = Request.newPost();
    register.getOptions().setUriPath("rd");
    register.getOptions().addUriQuery("ep=" + endpoint);
    register.getOptions().addUriQuery("lt=300");
    register.getOptions().addUriQuery("lwm2m=" + version);
    register.getOptions().setContentFormat(40);
    register.setPayload("</1/0>,</3/0>");
    register.setToken(new byte[] {1, 2, 3, 4});
    register.setMID(messageIds.incrementAndGet() & 0xFFFF);
    send(register, server);
    Response answer = answers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (answer == null) {
      throw new IOException("the server did not answer the Register within " + WAIT_SECONDS + " s");
    }
    return fromCalifornium(answer);
  }

  /**
   * Sends {@code notification} (its code, format, payload and Observe option) as a NON message on
   * the token of {@code observe}, to where that request came from.
   */
  public void notify(CoapRequest observe, CoapResponse notification) throws IOException {
    Response outgoing = toCalifornium(notification);
    outgoing.setType(CoAP.Type.NON);
    outgoing.setMID(messageIds.incrementAndGet() & 0xFFFF);
    outgoing.setToken(observe.token());
    send(outgoing, observe.peer());
  }

  private void read() {
    UdpDataParser parser = new UdpDataParser();
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(datagram);
      } catch (IOException e) {
        return; // closed
      }
      InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
      byte[] bytes = java.util.Arrays.copyOf(datagram.getData(), datagram.getLength());
      try {
        Message message = parser.parseMessage(bytes);
        if (message instanceof Request request) {
          answer(request, from);
        } else if (message instanceof Response response) {
          if (response.getType() == CoAP.Type.CON) {
            send(EmptyMessage.newACK(response), from);
          }
          answers.add(response);
        }
      } catch (RuntimeException | IOException e) {
        // not CoAP, or a send that failed: a test device has nothing better to do than go on
      }
    }
  }

  private void answer(Request request, InetSocketAddress from) throws IOException {
    CoapRequest ours = new CoapRequest(method(request.getCode()), request.getOptions().getUriPath(),
        request.getOptions().getUriQuery(),
        request.getOptions().hasContentFormat() ? OptionalInt.of(request.getOptions().getContentFormat()) : OptionalInt.empty(),
        request.getOptions().hasAccept() ? OptionalInt.of(request.getOptions().getAccept()) : OptionalInt.empty(),
        request.getPayload() == null ? new byte[0] : request.getPayload(), from,
        request.getOptions().hasObserve() ? OptionalInt.of(request.getOptions().getObserve()) : OptionalInt.empty(),
        request.getTokenBytes(), Optional.empty());
    received.add(ours);
    Response response = toCalifornium(script.apply(ours));
    if (request.getType() == CoAP.Type.CON) {
      response.setType(CoAP.Type.ACK);
      response.setMID(request.getMID());
    } else {
      response.setType(CoAP.Type.NON);
      response.setMID(messageIds.incrementAndGet() & 0xFFFF);
    }
    response.setToken(request.getToken());
    send(response, from);
  }

  private void send(Message message, InetSocketAddress to) throws IOException {
    byte[] bytes = new UdpDataSerializer().getByteArray(message);
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private static Response toCalifornium(CoapResponse ours) {
    Response response = new Response(CoAP.ResponseCode.valueOf(ours.code().value()));
    ours.contentFormat().ifPresent(format -> response.getOptions().setContentFormat(format));
    ours.observe().ifPresent(value -> response.getOptions().setObserve(value));
    if (ours.payload().length > 0) {
      response.setPayload(ours.payload());
    }
    return response;
  }

  private static CoapResponse fromCalifornium(Response response) {
    ResponseCode code = ResponseCode.fromValue(response.getCode().value).orElseThrow();
    return new CoapResponse(code, response.getOptions().hasContentFormat()
        ? OptionalInt.of(response.getOptions().getContentFormat()) : OptionalInt.empty(),
        response.getOptions().getLocationPath(), response.getPayload() == null ? new byte[0] : response.getPayload());
  }

  private static CoapMethod method(CoAP.Code code) {
    return switch (code) {
      case GET -> CoapMethod.GET;
      case POST -> CoapMethod.POST;
      case PUT -> CoapMethod.PUT;
      case DELETE -> CoapMethod.DELETE;
      case FETCH -> CoapMethod.FETCH;
      case PATCH -> CoapMethod.PATCH;
      case IPATCH -> CoapMethod.IPATCH;
      default -> throw new IllegalArgumentException("no such method here: " + code);
    };
  }

  @Override
  public void close() {
    socket.close();
    try {
      reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
