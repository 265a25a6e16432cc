package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.store.redis.RedisServerProcess;
import org.lwm2m4j.transport.CoapSettings;

/**
 * Issue 15 item 4 end to end: three {@code lwm2m server --store redis://…} processes behind nginx's DTLS port
 * ({@code hash $remote_addr consistent}), and a PSK device (our client library) that registers through nginx
 * from one address and then moves to another address which nginx hashes to another node. Its next Update
 * reaches that node, which forwards the record over the DTLS cluster channel to the node holding the session
 * (the node number in the Connection ID): the Update is accepted without a new handshake, and a Read through
 * the REST API of every node reaches the device. Run with the cluster channel secured
 * ({@code LWM2M_CLUSTER_SECRET}, Scandium's managed cluster connector).
 *
 * <p>"Without a new handshake" is checked on both sides: the sum over the nodes of their
 * {@code lwm2m_dtls_handshakes_total} metric (full handshakes with devices) stays 1, and the client registers
 * once only (our client registers again after every new security context).
 */
class DtlsDeviceChangingAddressTest {
  private static final String ENDPOINT = "roamer";
  private static final String IDENTITY = "roamer-id";
  private static final byte[] KEY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** The device's first address, and the first of those tried as its next one. */
  private static final String ADDRESSES = "127.21.0.";
  private static final int ADDRESSES_TRIED = 40;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  private RedisServerProcess redis;
  private NodeProcesses nodes;
  private NginxUdpBalancer coaps;
  private AddressChangingRelay relay;
  private LwM2mClient client;
  private final BlockingQueue<String> clientEvents = new LinkedBlockingQueue<>();

  /**
   * The secured cluster channel, as a deployment runs it; the plain channel forwards records the same way
   * (transport's {@code DtlsClusterTest} runs both), and a second run of three nodes would cost the suite 30 s.
   */
  static List<Optional<String>> clusterSecrets() {
    return List.of(Optional.of("the cluster's shared secret"));
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close(Duration.ofSeconds(5));
    }
    if (relay != null) {
      relay.close();
    }
    if (coaps != null) {
      coaps.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @ParameterizedTest(name = "cluster secret {0}")
  @MethodSource("clusterSecrets")
  void aPskDeviceWhoseAddressChangesKeepsItsSessionWhicheverNodeNginxPicks(Optional<String> secret) throws Exception {
    redis = RedisServerProcess.start();
    Path pskFile = workDir.resolve("psk.csv");
    Files.writeString(pskFile, ENDPOINT + "," + IDENTITY + "," + HexFormat.of().formatHex(KEY) + "\n");
    nodes = NodeProcesses.startRetryingTakenPorts(workDir, 3, List.of("--store", redis.uri(), "--psk-file", pskFile.toString()),
        secret.map(value -> Map.of("LWM2M_CLUSTER_SECRET", value)).orElse(Map.of()));
    coaps = NginxUdpBalancer.start(nodes.coapsAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(10));
    InetAddress firstAddress = InetAddress.getByName(ADDRESSES + 1);
    relay = new AddressChangingRelay(coaps.address(), firstAddress);
    client = startClient(URI.create("coaps://127.0.0.1:" + relay.address().getPort()));

    assertThat(clientEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the device registers through nginx").isEqualTo("registered");
    int holder = nodeOf(firstAddress);
    assertThat(fullHandshakes()).as("the device's one handshake, with " + nodes.id(holder)).isEqualTo(1);

    InetAddress nextAddress = anAddressNginxSendsToAnotherNodeThan(holder);
    int receiver = nodeOf(nextAddress);
    relay.moveTo(nextAddress);
    client.registrations().updateAll();

    assertThat(clientEvents.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the Update from the new address").isEqualTo("updated");
    assertThat(nodeOf(nextAddress)).as("nginx sent the Update to another node than the session's").isEqualTo(receiver)
        .isNotEqualTo(holder);
    assertThat(fullHandshakes()).as("no new handshake on any node").isEqualTo(1);
    for (int node = 0; node < nodes.size(); node++) {
      HttpResponse<String> read = nodes.call(node, "GET", "/api/v1/clients/" + ENDPOINT + "/data/3303/0/5700", "");
      assertThat(read.statusCode()).as("Read through " + nodes.id(node) + ": " + read.body()).isEqualTo(200);
      assertThat(read.body()).contains("21.5");
    }
    assertThat(fullHandshakes()).as("still no new handshake").isEqualTo(1);
    assertThat(clientEvents).as("the client neither registered again nor failed").isEmpty();
  }

  private LwM2mClient startClient(URI server) throws Exception {
    StoredInstance temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
    return LwM2mClient.builder(ENDPOINT).localAddress(new InetSocketAddress("127.0.0.1", 0))
        // patient: the first record forwarded over a secured channel waits for the nodes' own handshake
        .coapSettings(new CoapSettings(Duration.ofSeconds(5), 4))
        .registrationListener(new RegistrationListener() {
          @Override
          public void registered(int ssid, String location) {
            clientEvents.add("registered");
          }

          @Override
          public void updated(int ssid) {
            clientEvents.add("updated");
          }

          @Override
          public void failed(int ssid, String reason, long retryInMillis) {
            clientEvents.add("failed " + reason);
          }
        })
        .server(server, 1, 300, new ClientCredentials.Psk(IDENTITY, KEY))
        .object(3303, List.of(temperature))
        .start();
  }

  /**
   * A loopback address whose datagrams nginx sends to another node than {@code node}: each candidate sends
   * nginx one byte (which the node's DTLS connector drops), and nginx's log says where it went.
   */
  private InetAddress anAddressNginxSendsToAnotherNodeThan(int node) throws Exception {
    for (int i = 2; i <= ADDRESSES_TRIED; i++) {
      InetAddress candidate = InetAddress.getByName(ADDRESSES + i);
      try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(candidate, 0))) {
        probe.send(new DatagramPacket(new byte[] {0}, 1, coaps.address()));
      }
      if (nodeOf(candidate) != node) {
        return candidate;
      }
    }
    throw new AssertionError("nginx sent each of " + ADDRESSES + "2.." + ADDRESSES_TRIED + " to " + nodes.id(node));
  }

  /** The index of the node nginx sent the latest session from {@code address} to. */
  private int nodeOf(InetAddress address) {
    InetSocketAddress upstream = await("nginx's session of " + address.getHostAddress() + " in its log").atMost(Duration.ofSeconds(10))
        .until(() -> coaps.upstreamOf(address), Optional::isPresent).orElseThrow();
    int index = nodes.coapsAddresses().indexOf(upstream);
    assertThat(index).as(upstream + " is a node's DTLS address").isNotNegative();
    return index;
  }

  /** Full DTLS handshakes with devices, summed over the nodes' metrics. */
  private int fullHandshakes() throws Exception {
    int sum = 0;
    for (int node = 0; node < nodes.size(); node++) {
      for (String line : nodes.call(node, "GET", "/metrics", "").body().split("\n")) {
        if (line.startsWith("lwm2m_dtls_handshakes_total{") && line.contains("kind=\"full\"")) {
          sum += (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }
}
