package org.lwm2m4j.app.sms;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.app.rest.EventStreamReader;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmppSettings;
import org.lwm2m4j.transport.sms.SmsNetwork;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;
import org.lwm2m4j.transport.sms.smsc.Smsc;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;

/**
 * Everything of an SMS deployment on 127.0.0.1, in this process: an {@link Smsc}, our server with its
 * REST API and an {@link SmsNetwork} of its own, and clients, each with its own {@link SmsNetwork}.
 * Short CoAP ACK timeouts on SMS (1 s, 4 retransmissions) keep lost SMS cheap. {@link #close()} stops
 * what it started, newest first.
 */
final class SmsDeployment implements AutoCloseable {
  static final String SERVER_NUMBER = "33600000001";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final CoapSettings SMS_COAP = new CoapSettings(Duration.ofSeconds(1), 4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SmscSettings smscSettings;
  private final SystemScheduler scheduler = SystemScheduler.create("sms-e2e", 2);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile Smsc smsc;
  private SmsNetwork serverSms;
  private LwM2mServer server;
  private RestApi rest;

  private SmsDeployment(SmscSettings smscSettings) {
    this.smscSettings = smscSettings;
  }

  /** An SMSC with {@code settings} (on a free port of 127.0.0.1), the server bound to it, the REST API. */
  static SmsDeployment start(SmscSettings settings) throws IOException {
    SmsDeployment deployment = new SmsDeployment(settings);
    try {
      deployment.smsc = Smsc.start(settings.withHost("127.0.0.1").withPort(0));
      deployment.serverSms = deployment.network(SERVER_NUMBER);
      // long enough that a loaded machine still sees a client awake just after it registered
      deployment.server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).scheduler(deployment.scheduler)
          .sms(SERVER_NUMBER, deployment.serverSms).queueMode(Duration.ofMillis(2500), 16, Duration.ofMinutes(5))
          .smsWakeUpRetry(Duration.ofSeconds(10)).start();
      deployment.closing.add(deployment.server);
      deployment.rest = RestApi.start(deployment.server, "127.0.0.1", 0);
      deployment.closing.add(deployment.rest);
      return deployment;
    } catch (IOException | RuntimeException e) {
      deployment.close();
      throw e;
    }
  }

  /** An SMS network bound to the SMSC as {@code number}, once it is bound; rebinds quickly after a drop. */
  SmsNetwork network(String number) {
    SmppSettings settings = SmppSettings.of("127.0.0.1", smsc.port(), "lwm2m", "", number)
        .withRebind(Duration.ofMillis(100), Duration.ofMillis(500)).withConcatenationTimeout(Duration.ofSeconds(2));
    SmsNetwork network = SmsNetwork.open(settings, scheduler, SMS_COAP);
    closing.add(network);
    await("sms:" + number + " bound to the SMSC").atMost(WAIT).until(network::isBound);
    return network;
  }

  /** {@code builder}'s client with S as its only binding: it registers, and is reached, by SMS from {@code number}. */
  LwM2mClient smsOnlyClient(LwM2mClient.Builder builder, String number) throws IOException {
    return start(builder.sms(number, network(number)).server(URI.create("sms://" + SERVER_NUMBER), 1, 300));
  }

  /** A 1.0 queue-mode client on UQS: it registers over UDP with {@code sms=number} and is woken by SMS. */
  LwM2mClient uqsClient(String endpoint, String number) throws IOException {
    return start(LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0)).lwm2mVersion(Version.V1_0)
        .queueMode(true).sms(number, network(number))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 300, new ClientCredentials.NoSec(), "UQS",
            Optional.of(SERVER_NUMBER)));
  }

  /** A builder on 127.0.0.1 that retries quickly. */
  static LwM2mClient.Builder client(String endpoint) {
    return LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(2), 0.9));
  }

  private LwM2mClient start(LwM2mClient.Builder builder) throws IOException {
    LwM2mClient client = builder.start();
    closing.add(client::halt);
    return client;
  }

  /** Waits until {@code endpoint} is registered: its {@code GET /api/v1/clients/{ep}}. */
  JsonNode awaitRegistered(String endpoint) {
    return await(endpoint + " registering").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> get("/api/v1/clients/" + endpoint), response -> response.statusCode() == 200)
        .body().transform(SmsDeployment::json);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Subscribes to the server's event stream. */
  EventStreamReader events() throws InterruptedException {
    return EventStreamReader.connect(http, uri("/api/v1/events"));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + rest.port() + path);
  }

  LwM2mServer server() {
    return server;
  }

  SmsNetwork serverSms() {
    return serverSms;
  }

  Smsc smsc() {
    return smsc;
  }

  /** What the SMSC (the one running now) recorded. */
  List<SmsRecord> log() {
    return smsc.log();
  }

  /** Closes the SMSC, which drops every session at once. */
  void stopSmsc() {
    smsc.close();
  }

  /** Starts the SMSC again on the port it had. */
  void restartSmsc(int port) throws IOException {
    smsc = Smsc.start(smscSettings.withHost("127.0.0.1").withPort(port));
  }

  @Override
  public void close() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        // go on closing the rest
      }
    }
    if (smsc != null) {
      smsc.close();
    }
    scheduler.close();
  }
}
