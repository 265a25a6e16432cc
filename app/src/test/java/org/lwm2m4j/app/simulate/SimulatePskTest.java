package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.PskSecurity;

/** With {@code --psk-prefix} and {@code --psk-key}, device N registers over DTLS as identity prefix + N. */
class SimulatePskTest {
  private static final int DEVICES = 5;
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";

  private LwM2mServer server;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).coapsAddress(new InetSocketAddress("127.0.0.1", 0))
        .start();
    for (int i = 0; i < DEVICES; i++) {
      server.security().put(new PskSecurity(String.format("sim-%06d", i), "psk-" + i, HexFormat.of().parseHex(KEY)));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyDeviceRegistersOverDtlsWithItsOwnIdentity() throws Exception {
    SimulateRun run = SimulateRun.start("--devices", String.valueOf(DEVICES),
        "--server", "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort(), "--psk-prefix", "psk-", "--psk-key", KEY,
        "--duration", "8", "--json", "--first-address", "127.14.2.1");

    run.await("every device registered over DTLS", Duration.ofSeconds(30), () -> server.registrations().store().size() == DEVICES);
    assertThat(server.registrations().store().byEndpoint("sim-000004").orElseThrow().secure()).isTrue();

    assertThat(run.exitStatus(60)).as(run.err()).isZero();
    assertThat(run.summary().get("registered").asInt()).isEqualTo(DEVICES);
    assertThat(server.registrations().store().size()).isZero();
  }

  @Test
  void interruptingTheCommandReleasesTheDevicesSocketsAndThreads() throws Exception {
    Thread command = new Thread(() -> org.lwm2m4j.app.Main.run(new String[] {"simulate", "--devices", String.valueOf(DEVICES),
        "--server", "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort(), "--psk-prefix", "psk-", "--psk-key", KEY,
        "--duration", "600", "--no-deregister", "--first-address", "127.14.4.1"}, new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter())), "simulate-to-interrupt");
    command.setDaemon(true);
    command.start();
    org.awaitility.Awaitility.await("every device registered over DTLS").atMost(Duration.ofSeconds(30))
        .until(() -> server.registrations().store().size() == DEVICES);

    command.interrupt();
    command.join(Duration.ofSeconds(30).toMillis());
    assertThat(command.isAlive()).as("the interrupted command").isFalse();
    assertThat(deviceThreads("/127.14.4.")).as("threads of the devices after the command was interrupted").isEmpty();
  }

  private static List<String> deviceThreads(String address) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.contains(address)).toList();
  }

  @Test
  void eachPskDeviceStartsOnlyTheReceiverThreadOfItsDtlsSocket() throws Exception {
    SimulateRun run = SimulateRun.start("--devices", String.valueOf(DEVICES),
        "--server", "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort(), "--psk-prefix", "psk-", "--psk-key", KEY,
        "--duration", "8", "--json", "--first-address", "127.14.3.1");
    run.await("every device registered over DTLS", Duration.ofSeconds(30), () -> server.registrations().store().size() == DEVICES);

    // Californium names a connector's threads after its address: the devices' are 127.14.3.*; each has
    // done a handshake and a Register, the work that starts a DTLS worker and timer where a connector has its own
    List<String> deviceThreads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.contains("/127.14.3.")).toList();
    assertThat(deviceThreads).as("the threads of %d PSK devices", DEVICES).hasSize(DEVICES)
        .allMatch(name -> name.startsWith("DTLS-Receiver-"));
    assertThat(run.exitStatus(60)).as(run.err()).isZero();
  }
}
