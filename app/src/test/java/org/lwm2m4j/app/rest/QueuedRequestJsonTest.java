package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.registration.Registration;

class QueuedRequestJsonTest {

  @Test
  void theAcceptedAnswerOfARequestThatCompletedBeforeItWasWrittenSaysDoneWithoutTheResult() {
    // a client woken by SMS on the in-memory twin can answer before the REST thread writes its 202
    VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-12-06T00:00:00Z"));
    RequestQueue queue = new RequestQueue(4, Duration.ofMinutes(5), scheduler);
    Registration registration = Registration.builder("reg1", "sleeper", new InetSocketAddress("127.0.0.1", 5683))
        .lifetimeSeconds(3600).lwm2mVersion(Version.V1_1).objectLinks("</3/0>").registeredAt(scheduler.now()).build();
    QueuedRequest request = queue.enqueue(registration, "read", Optional.of("/3/0/0"), current -> new CompletableFuture<>());
    request.result().complete(SingleResource.of(0, Value.of("lwm2m4j")));

    ObjectNode accepted = QueuedRequestJson.accepted(request);

    assertThat(accepted.path("requestId").asText()).isEqualTo(request.id());
    assertThat(accepted.path("state").asText()).isEqualTo("done");
    assertThat(accepted.has("content")).isFalse();
    queue.close();
  }
}
