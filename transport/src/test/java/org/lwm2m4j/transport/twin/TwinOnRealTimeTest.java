package org.lwm2m4j.transport.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lwm2m4j.transport.twin.TwinRequestTest.DEVICE;
import static org.lwm2m4j.transport.twin.TwinRequestTest.SERVER;
import static org.lwm2m4j.transport.twin.TwinRequestTest.answering;
import static org.lwm2m4j.transport.twin.TwinRequestTest.text;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/** The twin also runs on the real scheduler's threads, e.g. under a whole server in a test. */
class TwinOnRealTimeTest {

  @Test
  void concurrentRequestsOnASystemSchedulerAllGetTheirResponses() throws IOException {
    try (SystemScheduler scheduler = SystemScheduler.create("twin-test", 2)) {
      TwinNetwork network = new TwinNetwork(scheduler);
      network.bind(DEVICE, request -> CompletableFuture.completedFuture(TwinRequestTest.content(request.pathText())));
      CoapEndpoint server = network.bind(SERVER, answering("unused"));

      List<CompletableFuture<CoapResponse>> reads = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        reads.add(server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", String.valueOf(i))), Duration.ofSeconds(30)));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> reads.stream().allMatch(CompletableFuture::isDone));
      for (int i = 0; i < reads.size(); i++) {
        assertThat(text(reads.get(i).join())).isEqualTo("/3/" + i);
      }
    }
  }
}
