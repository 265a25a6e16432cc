package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CoAP endpoint on one UDP address: it hands every incoming request to a {@link CoapHandler}
 * and sends requests to peers from the same socket ({@link #send}). Californium
 * does the message layer: confirmable retransmission with the configured {@link CoapSettings},
 * deduplication, block-wise transfer. Close it to release the socket and its threads.
 */
public final class CoapServerEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoapServerEndpoint.class);

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private final CoapServer server;
  private final CoapEndpoint endpoint;

  private CoapServerEndpoint(CoapServer server, CoapEndpoint endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Binds {@code address} (port 0 picks a free port) and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  public static CoapServerEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings)
      throws IOException {
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.ACK_TIMEOUT, settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.MAX_RETRANSMIT, settings.maxRetransmit());
    CoapEndpoint endpoint = new CoapEndpoint.Builder().setInetSocketAddress(address).setConfiguration(config).build();
    CoapServer server = new CoapServer(config);
    server.addEndpoint(endpoint);
    server.setMessageDeliverer(new Deliverer(handler));
    try {
      server.start();
    } catch (RuntimeException e) {
      server.destroy();
      throw new IOException("cannot start CoAP on " + address + ": " + e.getMessage(), e);
    }
    return new CoapServerEndpoint(server, endpoint);
  }

  /**
   * Sends {@code request} to {@code request.peer()} from this endpoint's socket — LwM2M servers
   * reach clients at the address their last Register or Update came from — as a confirmable
   * message with CoAP retransmission. The future completes with the response, or with a {@link
   * java.util.concurrent.TimeoutException} after {@code timeout} (the exchange is then cancelled),
   * or with an {@link IOException} if the message was rejected or could not be sent.
   */
  public CompletableFuture<CoapResponse> send(CoapRequest request, Duration timeout) {
    Request outgoing = new Request(code(request.method()), CoAP.Type.CON);
    outgoing.getOptions().setUriPath(String.join("/", request.path()));
    for (String query : request.query()) {
      outgoing.getOptions().addUriQuery(query);
    }
    request.contentFormat().ifPresent(format -> outgoing.getOptions().setContentFormat(format));
    request.accept().ifPresent(format -> outgoing.getOptions().setAccept(format));
    if (request.payload().length > 0) {
      outgoing.setPayload(request.payload());
    }
    outgoing.setDestinationContext(new AddressEndpointContext(request.peer()));
    CompletableFuture<CoapResponse> result = new CompletableFuture<>();
    outgoing.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onResponse(Response response) {
        result.complete(fromCalifornium(response));
      }

      @Override
      public void onReject() {
        result.completeExceptionally(new IOException(request.peer() + " rejected " + request.method() + " " + request.pathText()));
      }

      @Override
      public void onTimeout() {
        result.completeExceptionally(new TimeoutException(request.peer() + " did not answer " + request.method() + " " + request.pathText()));
      }

      @Override
      public void onSendError(Throwable error) {
        result.completeExceptionally(new IOException("cannot send to " + request.peer() + ": " + error.getMessage(), error));
      }
    });
    endpoint.sendRequest(outgoing);
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
      if (failure != null) {
        outgoing.cancel();
      }
    });
  }

  private static CoapResponse fromCalifornium(Response response) {
    ResponseCode code = ResponseCode.fromValue(response.getCode().value).orElse(ResponseCode.INTERNAL_SERVER_ERROR);
    OptionalInt format = response.getOptions().hasContentFormat() ? OptionalInt.of(response.getOptions().getContentFormat()) : OptionalInt.empty();
    byte[] payload = response.getPayload() == null ? new byte[0] : response.getPayload();
    return new CoapResponse(code, format, response.getOptions().getLocationPath(), payload);
  }

  private static CoAP.Code code(CoapMethod method) {
    return switch (method) {
      case GET -> CoAP.Code.GET;
      case POST -> CoAP.Code.POST;
      case PUT -> CoAP.Code.PUT;
      case DELETE -> CoAP.Code.DELETE;
      case FETCH -> CoAP.Code.FETCH;
      case PATCH -> CoAP.Code.PATCH;
      case IPATCH -> CoAP.Code.IPATCH;
    };
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return endpoint.getAddress();
  }

  @Override
  public void close() {
    server.destroy();
  }

  /** Turns Californium exchanges into {@link CoapRequest}s and back. */
  private static final class Deliverer implements MessageDeliverer {
    private final CoapHandler handler;

    Deliverer(CoapHandler handler) {
      this.handler = handler;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
      Request request = exchange.getRequest();
      CoapMethod method = method(request.getCode());
      if (method == null) {
        exchange.sendResponse(new Response(CoAP.ResponseCode.METHOD_NOT_ALLOWED));
        return;
      }
      CoapRequest ours = new CoapRequest(method, request.getOptions().getUriPath(), request.getOptions().getUriQuery(),
          request.getOptions().hasContentFormat() ? OptionalInt.of(request.getOptions().getContentFormat()) : OptionalInt.empty(),
          request.getOptions().hasAccept() ? OptionalInt.of(request.getOptions().getAccept()) : OptionalInt.empty(),
          request.getPayload() == null ? new byte[0] : request.getPayload(),
          request.getSourceContext().getPeerAddress());
      CompletableFuture<CoapResponse> response;
      try {
        response = handler.handle(ours);
      } catch (RuntimeException e) {
        response = CompletableFuture.failedFuture(e);
      }
      response.whenComplete((answer, failure) -> exchange.sendResponse(toCalifornium(answer, failure, ours)));
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
      exchange.getRequest().setResponse(response);
    }

    private static Response toCalifornium(CoapResponse answer, Throwable failure, CoapRequest request) {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof LwM2mException lwm2m) {
          answer = CoapResponse.error(lwm2m);
        } else {
          LOG.warn("{} {} from {} failed", request.method(), request.pathText(), request.peer(), cause);
          answer = CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
        }
      }
      Response response = new Response(CoAP.ResponseCode.valueOf(answer.code().value()));
      answer.contentFormat().ifPresent(format -> response.getOptions().setContentFormat(format));
      List<String> location = answer.locationPath();
      if (!location.isEmpty()) {
        response.getOptions().setLocationPath(String.join("/", location));
      }
      if (answer.payload().length > 0) {
        response.setPayload(answer.payload());
      }
      return response;
    }

    private static CoapMethod method(CoAP.Code code) {
      if (code == null) {
        return null;
      }
      return switch (code) {
        case GET -> CoapMethod.GET;
        case POST -> CoapMethod.POST;
        case PUT -> CoapMethod.PUT;
        case DELETE -> CoapMethod.DELETE;
        case FETCH -> CoapMethod.FETCH;
        case PATCH -> CoapMethod.PATCH;
        case IPATCH -> CoapMethod.IPATCH;
        default -> null;
      };
    }
  }
}
