package org.lwm2m4j.bench.registration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/**
 * Load run: Register throughput of the whole server over UDP on 127.0.0.1 — CoAP, the
 * registration interface, the store — with the in-memory store and with the SQLite store, where
 * each 2.01 waits for the group commit holding its registration. A Californium client keeps
 * {@code window} Registers in flight for {@code count} distinct endpoints (after a warm-up of
 * the same size on other endpoints) and counts acknowledged registrations per second. Client and
 * server share the machine's cores, so the numbers compare the stores rather than measure a
 * dedicated server.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.registration.RegistrationLoad [count] [window] [rounds]</pre>
 */
public final class RegistrationLoad {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private RegistrationLoad() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    for (int round = 1; round <= rounds; round++) {
      double memory = run(false, count, window);
      double sqlite = run(true, count, window);
      System.out.printf("round %d: in-memory %,.0f registrations/s, sqlite %,.0f registrations/s (%.0f %%)%n", round, memory, sqlite,
          100 * sqlite / memory);
    }
  }

  private static double run(boolean sqlite, int count, int window) throws Exception {
    Path dir = Files.createTempDirectory("lwm2m4j-load");
    SqliteStore store = sqlite ? SqliteStore.open(dir) : null;
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0));
    if (store != null) {
      builder.store(store);
    }
    try (LwM2mServer server = builder.start()) {
      int port = server.coapAddress().getPort();
      register(port, "warm", count, window);
      long start = System.nanoTime();
      register(port, "dev", count, window);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (server.registrations().store().size() != 2 * count) {
        throw new IllegalStateException("expected " + 2 * count + " registrations, the store has "
            + server.registrations().store().size());
      }
      return count / seconds;
    } finally {
      if (store != null) {
        store.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void register(int port, String prefix, int count, int window) throws InterruptedException, IOException {
    CoapEndpoint client = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
        .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
    client.start();
    try {
      Semaphore inFlight = new Semaphore(window);
      CountDownLatch answered = new CountDownLatch(count);
      AtomicInteger failed = new AtomicInteger();
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        Request register = Request.newPost();
        register.setURI("coap://127.0.0.1:" + port + "/rd?ep=" + prefix + "-" + i + "&lt=86400&lwm2m=1.1&b=U");
        register.getOptions().setContentFormat(40);
        register.setPayload(RegistrationFleet.OBJECT_LINKS);
        register.addMessageObserver(new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            if (response.getCode() != CoAP.ResponseCode.CREATED) {
              failed.incrementAndGet();
            }
            done();
          }

          @Override
          public void onTimeout() {
            failed.incrementAndGet();
            done();
          }

          private void done() {
            inFlight.release();
            answered.countDown();
          }
        });
        client.sendRequest(register);
      }
      if (!answered.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " Registers failed or were not answered");
      }
    } finally {
      client.destroy();
    }
  }
}
