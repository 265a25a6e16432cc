package org.lwm2m4j.bench.dtls;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.DtlsSettings;

/**
 * Load run: DTLS 1.2 PSK handshakes per second our server endpoint sustains on 127.0.0.1, first
 * full handshakes (each client forgets its session before every exchange), then abbreviated ones
 * (each client resumes its session, keeping its Connection ID). Every exchange is one CON GET
 * answered 2.05, so a handshake is counted only when the request after it succeeded.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.dtls.DtlsHandshakeLoad [clients] [seconds]</pre>
 */
public final class DtlsHandshakeLoad {
  /** The pre-shared key of every identity {@code bench-i} the load's clients use. */
  public static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** What one measured phase counted: handshakes followed by an answered request, failures, and its length. */
  public record Handshakes(long done, long failed, double seconds) {
    public double rate() {
      return done / seconds;
    }
  }

  private DtlsHandshakeLoad() {}

  /** {@code count} DTLS client endpoints on 127.0.0.1 with the PSK identities {@code bench-0 … bench-(count-1)} and {@link #KEY}. */
  public static List<CoapEndpoint> clients(int count) throws java.io.IOException {
    List<CoapEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DtlsSettings clientSide = DtlsSettings.builder().psk("bench-" + i, KEY).connectionIdLength(0).build();
      endpoints.add(CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
          request -> CompletableFuture.failedFuture(new IllegalStateException()), CoapSettings.DEFAULTS, Optional.of(clientSide)));
    }
    return endpoints;
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    DtlsSettings serverSide = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).connectionIdLength(6).acceptCbc(true).build();
    try (CoapEndpoint server = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        request -> CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.empty(), List.of(), new byte[0])),
        CoapSettings.DEFAULTS, Optional.of(serverSide))) {
      List<CoapEndpoint> endpoints = clients(clients);
      try {
        print("warm-up (full)", run(server.address(), endpoints, 3, true));
        double full = print("full handshakes", run(server.address(), endpoints, seconds, true));
        double resumed = print("resumed handshakes (CID)", run(server.address(), endpoints, seconds, false));
        System.out.printf("clients=%d seconds=%d full=%.0f/s resumed=%.0f/s%n", clients, seconds, full, resumed);
      } finally {
        endpoints.forEach(CoapEndpoint::close);
      }
    }
  }

  private static double print(String name, Handshakes handshakes) {
    System.out.printf("%-26s %8d handshakes in %.1f s = %8.0f/s (%d failed)%n", name, handshakes.done(), handshakes.seconds(),
        handshakes.rate(), handshakes.failed());
    return handshakes.rate();
  }

  /**
   * Each client, on its own thread, handshakes with {@code server} and sends one Confirmable GET
   * (any answer counts) over and over for {@code seconds}: a full handshake each time when {@code
   * full} (the client forgets its session first), else an abbreviated one.
   */
  public static Handshakes run(InetSocketAddress server, List<CoapEndpoint> clients, int seconds, boolean full)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService threads = Executors.newFixedThreadPool(clients.size());
    long start = System.nanoTime();
    for (CoapEndpoint client : clients) {
      threads.execute(() -> {
        CoapRequest get = CoapRequest.to(server, CoapMethod.GET, List.of("hs"));
        while (System.nanoTime() < deadline) {
          if (full) {
            client.forgetSessions();
          } else {
            client.resumeSessions();
          }
          try {
            client.send(get, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            done.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      });
    }
    threads.shutdown();
    threads.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    return new Handshakes(done.get(), failed.get(), (System.nanoTime() - start) / 1e9);
  }
}
