package org.lwm2m4j.app.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lwm2m4j.app.sms.SmsDeployment.SERVER_NUMBER;
import static org.lwm2m4j.app.sms.SmsDeployment.WAIT;
import static org.lwm2m4j.app.sms.SmsDeployment.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.EventStreamReader;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.transport.sms.SmsNetwork;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;

/**
 * The SMS binding end to end over real SMPP on 127.0.0.1: the SMSC simulator in this process, our
 * server driven through its REST API and event stream, our client, each bound to the SMSC with an
 * SMS network of its own.
 */
class SmsEndToEndTest {
  private static final String DEVICE_NUMBER = "33612345678";
  private static final String DEVICE = "/api/v1/clients/sms-dev";

  private SmsDeployment deployment;

  @AfterEach
  void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  private static List<SmsRecord> from(List<SmsRecord> log, String number) {
    return log.stream().filter(sms -> sms.from().equals(number)).toList();
  }

  /** The parts with the highest concatenation reference among {@code records}, or none. */
  private static List<SmsRecord> newestConcatenation(List<SmsRecord> records) {
    int newest = records.stream().flatMap(sms -> sms.part().stream()).mapToInt(SmsRecord.Part::reference).max().orElse(-1);
    return records.stream().filter(sms -> sms.part().map(part -> part.reference() == newest).orElse(false)).toList();
  }

  @Test
  void anSmsOnlyClientIsReadWrittenExecutedAndObservedThroughTheRestApi() throws Exception {
    deployment = SmsDeployment.start(SmscSettings.DEFAULTS);
    CountingTemperature temperature = new CountingTemperature();
    deployment.smsOnlyClient(SmsDeployment.client("sms-dev").object(CountingTemperature.OBJECT, List.of(temperature)), DEVICE_NUMBER);

    JsonNode registration = deployment.awaitRegistered("sms-dev");
    assertThat(registration.path("channel").asText()).isEqualTo("sms");
    assertThat(registration.path("address").asText()).isEqualTo("sms:" + DEVICE_NUMBER);
    assertThat(registration.path("binding").asText()).isEqualTo("S");

    HttpResponse<String> device = deployment.get(DEVICE + "/data/3/0");
    assertThat(device.statusCode()).as(device.body()).isEqualTo(200);
    assertThat(device.body()).contains("/3/0/0").contains("lwm2m4j").contains("sms-dev");
    // the device's newest concatenated SMS is the answer (its Register, maybe sent twice, came before);
    // the SMSC records each part once its deliver_sm is answered, which may be just after the read completed
    List<SmsRecord> answer = await("the SMSC's records of the answer").atMost(WAIT)
        .until(() -> newestConcatenation(from(deployment.log(), DEVICE_NUMBER)),
            parts -> !parts.isEmpty() && parts.size() == parts.get(0).part().orElseThrow().total());
    assertThat(answer).as("the Device object travels as a concatenated SMS").hasSizeGreaterThan(1).allSatisfy(part -> {
      assertThat(part.to()).isEqualTo(SERVER_NUMBER);
      assertThat(part.esmClass() & 0x40).isEqualTo(0x40);
      assertThat(part.dataCoding()).isEqualTo(0x04);
    });

    HttpResponse<String> written = deployment.put(DEVICE + "/data/3/0/14", "[{\"n\":\"/3/0/14\",\"vs\":\"+02:00\"}]");
    assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
    assertThat(json(deployment.get(DEVICE + "/data/3/0/14").body()).get(0).path("vs").asText()).isEqualTo("+02:00");

    for (int i = 1; i <= 3; i++) {
      HttpResponse<String> executed = deployment.post(DEVICE + "/execute/3303/0/5605", "");
      assertThat(executed.statusCode()).as(executed.body()).isEqualTo(204);
      assertThat(temperature.executions()).isEqualTo(i);
    }

    try (EventStreamReader events = deployment.events()) {
      HttpResponse<String> observed = deployment.post(DEVICE + "/observations/3/0/14", "");
      assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
      assertThat(deployment.put(DEVICE + "/data/3/0/14", "[{\"n\":\"/3/0/14\",\"vs\":\"+03:00\"}]").statusCode()).isEqualTo(204);
      JsonNode notification = json(events.next("notification", data -> data.contains("+03:00"), WAIT).data());
      assertThat(notification.path("endpoint").asText()).isEqualTo("sms-dev");
      assertThat(notification.toString()).contains("/3/0/14");
    }
    assertThat(deployment.log()).as("all of it by SMS between the two numbers")
        .allSatisfy(sms -> assertThat(List.of(sms.from(), sms.to())).containsExactlyInAnyOrder(SERVER_NUMBER, DEVICE_NUMBER));
  }

  @Test
  void aSleepingUqsClientIsWokenBySmsAndItsQueuedReadCompletes() throws Exception {
    deployment = SmsDeployment.start(SmscSettings.DEFAULTS);
    deployment.uqsClient("sleeper", DEVICE_NUMBER);
    JsonNode registration = deployment.awaitRegistered("sleeper");
    assertThat(registration.path("channel").asText()).isEqualTo("udp");
    // b=UQS: the server keeps the transports and queue mode apart
    assertThat(registration.path("binding").asText()).isEqualTo("US");
    assertThat(registration.path("queueMode").asBoolean()).isTrue();
    assertThat(registration.path("sms").asText()).isEqualTo(DEVICE_NUMBER);
    assertThat(registration.path("lwm2mVersion").asText()).isEqualTo("1.0");
    await("sleeper falling asleep").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> json(deployment.get("/api/v1/clients/sleeper").body()).path("awake").asBoolean(), awake -> !awake);

    try (EventStreamReader events = deployment.events()) {
      HttpResponse<String> queued = deployment.get("/api/v1/clients/sleeper/data/3/0/0");
      assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
      String id = json(queued.body()).path("requestId").asText();

      // the wake-up and the request's completion are published independently: either may come first
      java.util.Map<String, EventStreamReader.Event> seen = events.firstOfEach(java.util.Map.of(
          "wakeup", data -> data.contains("sleeper"), "request", data -> data.contains(id) && data.contains("done")), WAIT);
      JsonNode wakeUp = json(seen.get("wakeup").data());
      assertThat(wakeUp.path("msisdn").asText()).isEqualTo(DEVICE_NUMBER);
      assertThat(wakeUp.path("path").asText()).isEqualTo("/1/0/8");

      JsonNode done = json(seen.get("request").data());
      assertThat(done.path("content").toString()).contains("/3/0/0").contains("lwm2m4j");
      JsonNode result = json(deployment.get("/api/v1/requests/" + id).body());
      assertThat(result.path("state").asText()).isEqualTo("done");
      assertThat(result.path("content").toString()).contains("lwm2m4j");
    }
    JsonNode woken = json(deployment.get("/api/v1/clients/sleeper").body());
    assertThat(woken.path("lastUpdate").asText()).as("it updated").isNotEqualTo(registration.path("lastUpdate").asText());
    assertThat(woken.path("address").asText()).as("over UDP").isEqualTo(registration.path("address").asText());
    assertThat(from(deployment.log(), SERVER_NUMBER)).as("the wake-up SMS").isNotEmpty()
        .allSatisfy(sms -> assertThat(sms.to()).isEqualTo(DEVICE_NUMBER));
  }

  @Test
  void serverAndClientRebindWhenTheSmscComesBackOnItsPort() throws Exception {
    deployment = SmsDeployment.start(SmscSettings.DEFAULTS);
    LwM2mClient client = deployment.smsOnlyClient(SmsDeployment.client("sms-dev"), DEVICE_NUMBER);
    deployment.awaitRegistered("sms-dev");
    assertThat(deployment.get(DEVICE + "/data/3/0/0").statusCode()).isEqualTo(200);
    SmsNetwork server = deployment.serverSms();
    int port = deployment.smsc().port();

    deployment.stopSmsc();
    await("the server noticing the SMSC gone").atMost(WAIT).until(() -> !server.isBound());
    deployment.restartSmsc(port);
    await("the server bound again").atMost(WAIT).until(server::isBound);

    HttpResponse<String> read = deployment.get(DEVICE + "/data/3/0/0");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(json(read.body()).get(0).path("vs").asText()).isEqualTo("lwm2m4j");
    // the SMSC records an SMS once its deliver_sm is answered, which may be just after the read completed
    await("the new SMSC's records of the read").atMost(WAIT)
        .until(() -> deployment.log().stream().map(SmsRecord::from).toList(), from -> from.containsAll(List.of(SERVER_NUMBER, DEVICE_NUMBER)));
    assertThat(client.registrations().registrations()).containsKey(1);
  }
}
