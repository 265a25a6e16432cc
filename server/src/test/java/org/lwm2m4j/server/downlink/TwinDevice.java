package org.lwm2m4j.server.downlink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * A small LwM2M device on a twin endpoint for server tests: resources hold text values (answered
 * as text/plain), Write-Attributes and Execute are accepted, writes store the payload, observed
 * resources notify on {@link #set}, and every request is recorded as {@code "GET /3/0/9 obs=0"}.
 * A test can take over any request with {@link #script}.
 */
public final class TwinDevice implements CoapHandler, AutoCloseable {
  private final CoapEndpoint endpoint;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, List<ObserveRelation>> observers = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Function<CoapRequest, Optional<CoapResponse>> script = request -> Optional.empty();

  private TwinDevice(TwinNetwork network) throws IOException {
    this.endpoint = network.bind(new InetSocketAddress("127.0.0.1", 0), this);
  }

  /** A device on a free port of {@code network}. */
  public static TwinDevice on(TwinNetwork network) throws IOException {
    return new TwinDevice(network);
  }

  public InetSocketAddress address() {
    return endpoint.address();
  }

  /** Sets the resource at {@code path} (e.g. {@code /3/0/9}) and notifies its observers. */
  public TwinDevice set(String path, Object value) {
    values.put(path, String.valueOf(value));
    for (ObserveRelation relation : observers.getOrDefault(path, List.of())) {
      relation.notify(text(String.valueOf(value)), false);
    }
    return this;
  }

  /** The value at {@code path}, as text, if any. */
  public Optional<String> value(String path) {
    return Optional.ofNullable(values.get(path));
  }

  /** Every request received, in order, as {@code METHOD /path[?query][ obs=N]}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many active observations {@code path} has. */
  public int observers(String path) {
    return (int) observers.getOrDefault(path, List.of()).stream().filter(ObserveRelation::isActive).count();
  }

  /** Answers requests with what {@code script} gives; an empty answer leaves a request to the device's usual behaviour. */
  public void script(Function<CoapRequest, Optional<CoapResponse>> script) {
    this.script = script;
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    requests.add(describe(request));
    Optional<CoapResponse> scripted = script.apply(request);
    if (scripted.isPresent()) {
      return CompletableFuture.completedFuture(scripted.get());
    }
    String path = request.pathText();
    return switch (request.method()) {
      case GET -> Optional.ofNullable(values.get(path)).map(value -> CompletableFuture.completedFuture(text(value)))
          .orElseGet(() -> CompletableFuture.failedFuture(new NotFoundException(path + " is not there")));
      case PUT -> {
        if (request.query().isEmpty()) {
          values.put(path, new String(request.payload(), StandardCharsets.UTF_8));
        }
        yield CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
      }
      case POST -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
      case DELETE -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.DELETED));
      default -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.METHOD_NOT_ALLOWED));
    };
  }

  @Override
  public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
    CompletableFuture<CoapResponse> first = handle(request);
    first.thenAccept(response -> {
      if (response.code().isSuccess()) {
        List<ObserveRelation> relations = observers.computeIfAbsent(request.pathText(), path -> new CopyOnWriteArrayList<>());
        relations.add(relation);
        relation.onCancel(() -> relations.remove(relation));
      }
    });
    return first;
  }

  private static CoapResponse text(String value) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()), List.of(),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(CoapRequest request) {
    StringBuilder line = new StringBuilder(request.method() + " " + request.pathText());
    if (!request.query().isEmpty()) {
      line.append('?').append(String.join("&", request.query()));
    }
    request.observe().ifPresent(observe -> line.append(" obs=").append(observe));
    return line.toString();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
