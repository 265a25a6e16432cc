package org.lwm2m4j.bench.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.lwm2m4j.app.cluster.NodeProcesses;
import org.lwm2m4j.bench.sidebyside.InFlightWindow;

/**
 * Reads of {@code /3/0} through the REST API ({@code GET /api/v1/clients/{ep}/data/3/0?format=tlv}), spread
 * over the nodes: Read {@code i} goes to node {@code i % nodes} for device {@code i % devices}, from one JDK
 * HTTP/1.1 client with a window in flight. A Read that reaches a node other than its device's owner is
 * routed by that node to the owner (see {@code org.lwm2m4j.server.downlink.ClusterRouting}).
 */
final class SpreadReads {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final NodeProcesses nodes;
  private final int devices;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final AtomicReference<String> firstFailure = new AtomicReference<>("");

  SpreadReads(NodeProcesses nodes, int devices) {
    this.nodes = nodes;
    this.devices = devices;
  }

  /** Sends {@code count} Reads with {@code window} in flight; throws naming the first failure if any failed. */
  void read(int count, int window) throws InterruptedException {
    int failed = InFlightWindow.run(count, window, (i, done) -> client.sendAsync(
            HttpRequest.newBuilder(uri(i)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, failure) -> {
          boolean ok = failure == null && response.statusCode() == 200;
          if (!ok) {
            firstFailure.compareAndSet("", failure != null ? String.valueOf(failure) : response.statusCode() + " " + new String(response.body()));
          }
          done.done(ok);
        }));
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + count + " REST Reads failed; the first: " + firstFailure.get());
    }
  }

  /**
   * The share of {@code count} Reads that went to a node other than the owner {@code owners} records for
   * the device; {@code nodeIds} in the nodes' order.
   */
  double routedShare(int count, Map<String, String> owners, List<String> nodeIds) {
    int routed = 0;
    for (int i = 0; i < count; i++) {
      String owner = owners.getOrDefault(endpoint(i), "");
      if (!owner.equals(nodeIds.get(i % nodeIds.size()))) {
        routed++;
      }
    }
    return (double) routed / count;
  }

  private URI uri(int i) {
    return nodes.uri(i % nodes.size(), "/api/v1/clients/" + endpoint(i) + "/data/3/0?format=tlv");
  }

  private String endpoint(int i) {
    return Simulator.ENDPOINT_PREFIX + (i % devices);
  }
}
