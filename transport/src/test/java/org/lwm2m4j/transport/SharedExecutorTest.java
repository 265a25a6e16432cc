package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.dtls.DtlsSettings;

/**
 * Endpoints made with {@link CoapSettings#withSharedExecutor}: they do their work on the caller's
 * executor and keep only the threads that block on their sockets, and closing one leaves the executor
 * to the others.
 */
class SharedExecutorTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** The names Californium gives the threads it starts (connectors, servers, endpoints without an executor). */
  private static final List<String> CALIFORNIUM_THREADS = List.of("DTLS-", "UDP-", "CoapServer", ":CoapEndpoint");

  private static final CoapHandler HELLO = request -> CompletableFuture.completedFuture(
      new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), "hello".getBytes(StandardCharsets.UTF_8)));
  private static final CoapHandler NONE = request -> CompletableFuture.failedFuture(new NotFoundException("none"));

  private final AtomicInteger sharedThreads = new AtomicInteger();
  private final ScheduledExecutorService shared = Executors.newScheduledThreadPool(2, task -> {
    Thread thread = new Thread(task, "shared-test-" + sharedThreads.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  private final CoapSettings settings = CoapSettings.DEFAULTS.withSharedExecutor(shared);
  private final List<CoapEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(CoapEndpoint::close);
    shared.shutdownNow();
  }

  @Test
  void dtlsEndpointsOnASharedExecutorStartOnlyTheirReceiverThread() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Map<String, byte[]> keys = Map.of("dev0", KEY, "dev1", KEY, "dev2", KEY, "dev3", KEY, "dev4", KEY);
    CoapEndpoint server = start(HELLO, Optional.of(DtlsSettings.builder().pskLookup(identity -> Optional.ofNullable(keys.get(identity)))
        .build()));
    for (int i = 0; i < keys.size(); i++) {
      CoapEndpoint client = start(NONE, Optional.of(DtlsSettings.builder().psk("dev" + i, KEY).connectionIdLength(0).build()));
      // a handshake and an exchange: the work that starts a connector's worker and timer threads when it has its own
      CoapResponse response = client.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("hello")), TIMEOUT)
          .get(30, TimeUnit.SECONDS);
      assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    List<String> started = californiumThreadsStartedSince(before);
    assertThat(started).as("the threads Californium started for %d DTLS endpoints", endpoints.size())
        .hasSize(endpoints.size()).allMatch(name -> name.startsWith("DTLS-Receiver-"));
    for (CoapEndpoint endpoint : endpoints) {
      assertThat(started).as("one receiver on %s", endpoint.address()).filteredOn(name -> name.endsWith(":" + endpoint.address().getPort()))
          .hasSize(1);
    }
  }

  @Test
  void plainEndpointsOnASharedExecutorStartOnlyTheirSocketThreads() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    CoapEndpoint server = start(HELLO, Optional.empty());
    CoapEndpoint client = start(NONE, Optional.empty());
    CoapResponse response = client.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("hello")), TIMEOUT)
        .get(30, TimeUnit.SECONDS);
    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);

    assertThat(californiumThreadsStartedSince(before)).as("the threads Californium started for two UDP endpoints")
        .hasSize(4).allMatch(name -> name.startsWith("UDP-Receiver-") || name.startsWith("UDP-Sender-"));
  }

  @Test
  void closingAnEndpointLeavesTheSharedExecutorToTheOthers() throws Exception {
    CoapEndpoint server = start(HELLO, Optional.of(DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).build()));
    CoapEndpoint first = start(NONE, Optional.of(DtlsSettings.builder().psk("first", KEY).connectionIdLength(0).build()));
    first.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("hello")), TIMEOUT).get(30, TimeUnit.SECONDS);
    first.close();
    endpoints.remove(first);

    assertThat(shared.isShutdown()).as("the shared executor after an endpoint closed").isFalse();
    CoapEndpoint second = start(NONE, Optional.of(DtlsSettings.builder().psk("second", KEY).connectionIdLength(0).build()));
    CoapResponse response = second.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("hello")), TIMEOUT)
        .get(30, TimeUnit.SECONDS);
    assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  private CoapEndpoint start(CoapHandler handler, Optional<DtlsSettings> dtls) throws Exception {
    CoapEndpoint endpoint = CoapEndpoint.start(LOOPBACK, handler, settings, dtls);
    endpoints.add(endpoint);
    return endpoint;
  }

  private static List<String> californiumThreadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
        .map(Thread::getName).filter(name -> CALIFORNIUM_THREADS.stream().anyMatch(name::startsWith))
        .collect(Collectors.toList());
  }
}
