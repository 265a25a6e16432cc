package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated fleet against another implementation, Eclipse Leshan 2.0.0-M15's server in this
 * JVM (plain CoAP on 127.0.0.1): every device registers, answers Leshan's Read of the Device
 * object in TLV, and de-registers at the end.
 */
class SimulateAgainstLeshanTest {
  private static final int DEVICES = 1000;
  private static final Duration WAIT = Duration.ofSeconds(40);

  private LeshanServer server;

  @BeforeEach
  void start() {
    CaliforniumServerEndpointsProvider endpoints = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP)
        .build();
    server = new LeshanServerBuilder().setEndpointsProviders(endpoints).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  private int registrations() {
    int count = 0;
    for (Iterator<Registration> all = server.getRegistrationService().getAllRegistrations(); all.hasNext(); all.next()) {
      count++;
    }
    return count;
  }

  @Test
  void theFleetRegistersWithLeshanAndAnswersItsReads() throws Exception {
    int port = server.getEndpoint(Protocol.COAP).getURI().getPort();
    SimulateRun run = SimulateRun.start("--devices", String.valueOf(DEVICES), "--server", "coap://127.0.0.1:" + port,
        "--duration", "30", "--rate", "500", "--json", "--first-address", "127.15.0.1");

    run.await("every device registered with Leshan", WAIT, () -> registrations() == DEVICES);
    for (int i : new int[] {0, 50, 99}) {
      Registration device = server.getRegistrationService().getByEndpoint(String.format("sim-%06d", i));
      ReadResponse response = server.send(device, new ReadRequest(ContentFormat.TLV, 3, 0), 10_000);
      assertThat(response.isSuccess()).as(String.valueOf(response)).isTrue();
      assertThat(((LwM2mObjectInstance) response.getContent()).getResource(1).getValue()).isEqualTo("lwm2m4j-simulated");
    }

    assertThat(run.exitStatus(60)).as(run.err()).isZero();
    assertThat(registrations()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.get("registered").asInt()).isEqualTo(DEVICES);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("requestsAnswered").asLong()).isGreaterThanOrEqualTo(3);
  }
}
