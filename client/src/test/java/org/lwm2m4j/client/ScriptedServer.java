package org.lwm2m4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * A fake LwM2M server for unit tests of the client's lifecycle: one twin endpoint whose handler
 * records every request the client sends, with the scheduler's instant, and answers by a script
 * — by default as a DM server's registration interface (Register 2.01 {@code /rd/N}, Update 2.04,
 * De-register 2.02, 4.04 for a location it does not know).
 */
public final class ScriptedServer implements CoapHandler, AutoCloseable {
  /** A request the client sent, and when. */
  public record Received(Instant at, CoapRequest request) {
    public CoapMethod method() {
      return request.method();
    }

    public List<String> path() {
      return request.path();
    }

    public List<String> query() {
      return request.query();
    }

    /** The path as text, e.g. {@code rd} or {@code rd/1}. */
    public String target() {
      return String.join("/", request.path());
    }
  }

  private final Scheduler scheduler;
  private final CoapEndpoint endpoint;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> registrations = ConcurrentHashMap.newKeySet();
  private final AtomicInteger lastRegistration = new AtomicInteger();
  private volatile Function<CoapRequest, CoapResponse> script = this::registrationInterface;
  private volatile Duration answerDelay = Duration.ZERO;

  private ScriptedServer(TwinNetwork network, Scheduler scheduler, InetSocketAddress address) throws IOException {
    this.scheduler = scheduler;
    this.endpoint = network.bind(address, this);
  }

  /** A server at {@code 127.0.0.1:port} on {@code network}. */
  public static ScriptedServer on(TwinNetwork network, Scheduler scheduler, int port) throws IOException {
    return new ScriptedServer(network, scheduler, new InetSocketAddress("127.0.0.1", port));
  }

  /** A server at {@code address} on {@code network}, e.g. an SMS number ({@code SmsAddress.of(...)}). */
  public static ScriptedServer at(TwinNetwork network, Scheduler scheduler, InetSocketAddress address) throws IOException {
    return new ScriptedServer(network, scheduler, address);
  }

  /** Answers from now on with {@code script}; {@link #registrationInterface} is the default. */
  public ScriptedServer answering(Function<CoapRequest, CoapResponse> script) {
    this.script = script;
    return this;
  }

  /** Answers every request {@code delay} after it arrived, so that a test can act while an exchange is on the wire. */
  public ScriptedServer delayAnswers(Duration delay) {
    this.answerDelay = delay;
    return this;
  }

  /** A DM server's registration interface: Register, Update, De-register; 4.04 for an unknown location. */
  public CoapResponse registrationInterface(CoapRequest request) {
    List<String> path = request.path();
    if (request.method() == CoapMethod.POST && path.equals(List.of("rd"))) {
      String id = Integer.toString(lastRegistration.incrementAndGet());
      registrations.add(id);
      return CoapResponse.created(List.of("rd", id));
    }
    if (path.size() == 2 && path.get(0).equals("rd") && registrations.contains(path.get(1))) {
      if (request.method() == CoapMethod.POST) {
        return CoapResponse.of(ResponseCode.CHANGED);
      }
      if (request.method() == CoapMethod.DELETE) {
        registrations.remove(path.get(1));
        return CoapResponse.of(ResponseCode.DELETED);
      }
    }
    return CoapResponse.of(ResponseCode.NOT_FOUND);
  }

  /** Forgets every registration, as a server that lost its store: the next Update gets 4.04. */
  public void forgetRegistrations() {
    registrations.clear();
  }

  @Override
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    received.add(new Received(scheduler.now(), request));
    Duration delay = answerDelay;
    if (delay.isZero()) {
      return CompletableFuture.completedFuture(script.apply(request));
    }
    CompletableFuture<CoapResponse> answer = new CompletableFuture<>();
    scheduler.schedule(delay, () -> answer.complete(script.apply(request)));
    return answer;
  }

  /** Sends {@code request} from this server's endpoint (e.g. an Execute to the client). */
  public CompletableFuture<CoapResponse> send(CoapRequest request) {
    return endpoint.send(request, Duration.ofMinutes(1));
  }

  /** Observes with {@code request} (Observe = 0 and a fresh token are added); notifications go to {@code notifications}. */
  public CompletableFuture<CoapResponse> observe(CoapRequest request, Consumer<CoapResponse> notifications) {
    return endpoint.observe(request.withObserve(0, endpoint.newObserveToken()), Duration.ofMinutes(1), notifications);
  }

  public InetSocketAddress address() {
    return endpoint.address();
  }

  /** Every request received so far, oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests received with {@code method} to {@code target} (e.g. {@code "rd"}), oldest first. */
  public List<Received> received(CoapMethod method, String target) {
    return received.stream().filter(r -> r.method() == method && r.target().equals(target)).collect(Collectors.toList());
  }

  /** The instants, as offsets from {@code origin}, of the requests with {@code method} to {@code target}. */
  public List<Duration> instants(CoapMethod method, String target, Instant origin) {
    return received(method, target).stream().map(r -> Duration.between(origin, r.at())).collect(Collectors.toList());
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
