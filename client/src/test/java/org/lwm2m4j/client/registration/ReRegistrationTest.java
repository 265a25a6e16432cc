package org.lwm2m4j.client.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.registration.UpdatedRegistration;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * Our client registering again, over real UDP and DTLS on 127.0.0.1: a new Register ends every
 * observation the server had (checked against a scripted server that keeps listening on the old
 * token), and a new DTLS security context with a server that lost the session is followed by a
 * Register (checked against our server, restarted without its session file).
 */
class ReRegistrationTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final RegistrationSettings QUICK =
      new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9);
  private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0, 5700);

  private final StoredInstance temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(20.0))));
  private final Queue<String> clientEvents = new ConcurrentLinkedQueue<>();
  private LwM2mClient client;
  private CoapEndpoint scripted;
  private LwM2mServer server;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (scripted != null) {
      scripted.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private LwM2mClient.Builder client(String endpoint) {
    return LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0)).registrationSettings(QUICK)
        .object(3303, List.of(temperature))
        .registrationListener(new RegistrationListener() {
          @Override
          public void registered(int shortServerId, String location) {
            clientEvents.add("registered " + location);
          }
        });
  }

  private static CompletableFuture<CoapResponse> answer(ResponseCode code, List<String> location) {
    return CompletableFuture.completedFuture(new CoapResponse(code, OptionalInt.empty(), location, new byte[0]));
  }

  /** Observes the temperature from the scripted server; notifications on the new token go to {@code notifications}. */
  private void observe(Queue<Value> notifications) throws Exception {
    CoapRequest request = CoapRequest.to(client.address(), CoapMethod.GET, List.of("3303", "0", "5700"))
        .withAccept(ContentFormat.TEXT.code()).withObserve(0, scripted.newObserveToken());
    CoapResponse first = scripted.observe(request, WAIT, notification -> notifications.add(
        Value.ofFloat(Double.parseDouble(new String(notification.payload(), StandardCharsets.UTF_8))))).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(first.code()).isEqualTo(ResponseCode.CONTENT);
  }

  @Test
  void aNewRegisterEndsEveryObservationTheServerHadSoTheOldTokenHearsNothingMore() throws Exception {
    AtomicInteger registers = new AtomicInteger();
    AtomicReference<ResponseCode> updateAnswer = new AtomicReference<>(ResponseCode.CHANGED);
    CoapHandler resourceDirectory = request -> {
      if (request.method() == CoapMethod.POST && request.path().equals(List.of("rd"))) {
        return answer(ResponseCode.CREATED, List.of("rd", "r" + registers.incrementAndGet()));
      }
      return answer(request.method() == CoapMethod.POST ? updateAnswer.get() : ResponseCode.DELETED, List.of());
    };
    scripted = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), resourceDirectory, CoapSettings.DEFAULTS);
    client = client("re-register").server(URI.create("coap://127.0.0.1:" + scripted.address().getPort()), 1, 60).start();
    await().atMost(WAIT).until(() -> clientEvents.contains("registered /rd/r1"));
    Queue<Value> oldToken = new ConcurrentLinkedQueue<>();
    observe(oldToken);
    temperature.set(5700, Value.ofFloat(21.0));
    await().atMost(WAIT).until(() -> oldToken.contains(Value.ofFloat(21.0)));

    // the server forgot the registration: the next Update gets 4.04 and the client registers again
    updateAnswer.set(ResponseCode.NOT_FOUND);
    client.registrations().updateAll();
    await().atMost(WAIT).until(() -> clientEvents.contains("registered /rd/r2"));
    temperature.set(5700, Value.ofFloat(22.0));
    // the server observes again after the Register, as it must; the new token hears the next change
    Queue<Value> newToken = new ConcurrentLinkedQueue<>();
    observe(newToken);
    temperature.set(5700, Value.ofFloat(23.0));
    await().atMost(WAIT).until(() -> newToken.contains(Value.ofFloat(23.0)));

    assertThat(oldToken).as("no notification on the token of the old registration").containsExactly(Value.ofFloat(21.0));
  }

  private LwM2mServer startServer(int coapsPort, RegistrationStore registrations, InMemorySecurityStore security,
      Queue<String> events) throws Exception {
    LwM2mServer started = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", coapsPort)).registrationStore(registrations).securityStore(security).start();
    started.registrations().addListener(new org.lwm2m4j.server.registration.RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        events.add("registered" + (replaced.isPresent() ? " again" : ""));
      }

      @Override
      public void updated(UpdatedRegistration update) {
        events.add("updated");
      }
    });
    return started;
  }

  @Test
  void aNewDtlsHandshakeWithAServerThatLostTheSessionIsFollowedByARegister() throws Exception {
    RegistrationStore registrations = new InMemoryRegistrationStore(Duration.ofSeconds(30));
    InMemorySecurityStore security = new InMemorySecurityStore();
    security.put(new PskSecurity("dtls-dev", "dtls-dev-id", KEY));
    Queue<String> firstEvents = new ConcurrentLinkedQueue<>();
    server = startServer(0, registrations, security, firstEvents);
    int coapsPort = server.coapsAddress().orElseThrow().getPort();
    // short CoAP timeouts: an Update lost on the dead session is noticed within about a second
    client = client("dtls-dev").coapSettings(new CoapSettings(Duration.ofMillis(400), 1))
        .server(URI.create("coaps://127.0.0.1:" + coapsPort), 1, 60, new ClientCredentials.Psk("dtls-dev-id", KEY)).start();
    await().atMost(WAIT).until(() -> firstEvents.contains("registered"));

    // restarted without a session file: the registration is still in the store, the DTLS session is gone
    server.close();
    Queue<String> events = new ConcurrentLinkedQueue<>();
    server = startServer(coapsPort, registrations, security, events);
    client.registrations().updateAll();

    // the Update's retransmission goes behind the new handshake, so the server may see it first: what
    // matters is that a Register follows on the new security context (Update alone does not do)
    await().atMost(WAIT).until(() -> events.contains("registered again"));
    assertThat(events).as("nothing but the Update's retransmission before the Register").containsAnyOf("registered again")
        .isSubsetOf("updated", "registered again");
    Registration registration = server.registrations().store().byEndpoint("dtls-dev").orElseThrow();
    assertThat(server.devices().read(registration, TEMPERATURE, RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5)))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(SingleResource.of(5700, Value.ofFloat(20.0)));
  }
}
