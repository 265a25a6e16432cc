package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.UpdatedRegistration;

/**
 * A fleet of 1,000 simulated devices against our server in this JVM, on UDP at 127.0.0.1: they all
 * register, update before their short lifetime ends, answer reads of the Device object, notify the
 * temperature they are observed on, and de-register when {@code --duration} ends; the JSON summary
 * counts what happened.
 */
class SimulateAgainstOurServerTest {
  private static final int DEVICES = 1000;
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(10));

  private LwM2mServer server;
  private final AtomicInteger updates = new AtomicInteger();
  private final AtomicInteger replaced = new AtomicInteger();
  private final Set<String> notifiedBy = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.registrations().addListener(new RegistrationListener() {
      @Override
      public void updated(UpdatedRegistration update) {
        updates.incrementAndGet();
      }

      @Override
      public void registered(Registration registration, java.util.Optional<Registration> previous) {
        previous.ifPresent(p -> replaced.incrementAndGet());
      }
    });
    server.observations().addListener(notification -> notifiedBy.add(notification.registration().endpoint()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theFleetRegistersUpdatesAnswersNotifiesAndDeregistersWhenTheDurationEnds() throws Exception {
    SimulateRun run = SimulateRun.start("--devices", String.valueOf(DEVICES), "--server", "coap://127.0.0.1:" + server.coapAddress().getPort(),
        "--lifetime", "4", "--notify-interval", "1", "--duration", "20", "--rate", "500", "--json", "--first-address", "127.14.0.1");

    run.await("every device registered", WAIT, () -> server.registrations().store().size() == DEVICES);
    List<Registration> sample = List.of(0, 17, 42, 99).stream()
        .map(i -> server.registrations().store().byEndpoint(String.format("sim-%06d", i)).orElseThrow()).toList();
    assertThat(sample.get(0).address().getAddress().getHostAddress()).isEqualTo("127.14.0.1");
    for (Registration device : sample) {
      LwM2mNode deviceObject = server.devices().read(device, LwM2mPath.of(3, 0), OPTIONS).join();
      assertThat(((LwM2mObjectInstance) deviceObject).resource(1)).contains(SingleResource.of(1, Value.of("lwm2m4j-simulated")));
      server.observations().observe(device, LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS).join();
    }
    run.await("notifications from every observed device", WAIT, () -> notifiedBy.size() == sample.size());
    run.await("an Update from every device", WAIT, () -> updates.get() >= DEVICES);

    assertThat(run.exitStatus(60)).as(run.err()).isZero();
    assertThat(server.registrations().store().size()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.get("devices").asInt()).isEqualTo(DEVICES);
    assertThat(summary.get("registered").asInt()).isEqualTo(DEVICES);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("deregistered").asInt()).isEqualTo(DEVICES);
    assertThat(summary.get("registrationsPerSecond").asDouble()).isPositive();
    assertThat(summary.get("updates").asLong()).isGreaterThanOrEqualTo(DEVICES);
    // two requests per sampled device (the Read, the Observe) at least
    assertThat(summary.get("requestsAnswered").asLong()).isGreaterThanOrEqualTo(2L * sample.size());
    assertThat(summary.get("notificationsSent").asLong()).isGreaterThanOrEqualTo(sample.size());
    assertThat(summary.get("latencyP99Millis").asDouble()).isGreaterThanOrEqualTo(summary.get("latencyP50Millis").asDouble());
    assertThat(summary.get("cpuSecondsPerRegistration").asDouble()).isPositive();
    assertThat(run.err()).contains("registered", "notifications/s", "latency p50");
    assertThat(summary.get("carrier").asText()).startsWith("one UDP socket for all devices");
  }

  @Test
  void inAStormEveryDeviceRegistersAgainWithinItsWindowAndNoneIsLost() throws Exception {
    int devices = 300;
    SimulateRun run = SimulateRun.start("--devices", String.valueOf(devices), "--server", "coap://127.0.0.1:" + server.coapAddress().getPort(),
        "--notify-interval", "0", "--rate", "1000", "--storm-at", "3", "--storm-within", "2", "--duration", "8", "--no-deregister", "--json",
        "--first-address", "127.15.0.1");

    assertThat(run.exitStatus(60)).as(run.err()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.get("registered").asInt()).isEqualTo(devices);
    assertThat(summary.get("stormRegistered").asInt()).isEqualTo(devices);
    // spread over the 2 s window: the last device is asked about 1.9 s after the first (no upper bound: a timing limit)
    assertThat(summary.get("stormSeconds").asDouble()).isGreaterThan(1.0);
    assertThat(replaced.get()).as("every Register of the storm replaced the device's registration").isEqualTo(devices);
    assertThat(server.registrations().store().size()).isEqualTo(devices);
    assertThat(run.err()).contains("storm: " + devices + " devices registered again");
  }
}
