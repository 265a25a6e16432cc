package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.WriteMode;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.NotificationListener;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.UpdatedRegistration;

/** Our client against our server over real UDP on 127.0.0.1: every operation, end to end. */
class ClientServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));

  private LwM2mServer server;
  private LwM2mClient client;
  private final BlockingQueue<String> events = new ArrayBlockingQueue<>(1000);
  private final BlockingQueue<Notification> notifications = new ArrayBlockingQueue<>(1000);
  private final BlockingQueue<List<TimestampedNode>> sent = new ArrayBlockingQueue<>(100);
  private StoredInstance temperature;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.registrations().addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        events.add("registered " + registration.endpoint());
      }

      @Override
      public void updated(UpdatedRegistration update) {
        events.add("updated " + update.current().endpoint());
      }

      @Override
      public void deregistered(Registration registration) {
        events.add("deregistered " + registration.endpoint());
      }
    });
    server.observations().addListener(notifications::add);
    server.addSendListener((registration, values) -> sent.add(values));
    client = startClient("dev1", server);
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("registered dev1");
    waitUntil(() -> !client.registrations().registrations().isEmpty());
  }

  private LwM2mClient startClient(String name, LwM2mServer... servers) throws Exception {
    temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5)),
        SingleResource.of(5701, Value.of("Cel"))));
    LwM2mClient.Builder builder = LwM2mClient.builder(name)
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .object(3, List.of(new StoredInstance(0, List.of(
            SingleResource.of(0, Value.of("lwm2m4j")),
            SingleResource.of(1, Value.of("test-model")),
            MultipleResource.of(11, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(0))),
            SingleResource.of(14, Value.of("+01:00")),
            SingleResource.of(16, Value.of("U"))))))
        .object(3303, List.of(temperature));
    if (servers.length > 1) {
      // Several servers: access control applies. Server 1 owns /3/0 and may write it; the others may only read.
      builder.object(2, List.of(new StoredInstance(0, List.of(SingleResource.of(0, Value.ofInteger(3)),
          SingleResource.of(1, Value.ofInteger(0)),
          MultipleResource.of(2, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(1)),
              LwM2mResourceInstance.of(1, Value.ofInteger(3))),
          SingleResource.of(3, Value.ofInteger(1))))));
    }
    int ssid = 1;
    for (LwM2mServer target : servers) {
      builder.server(URI.create("coap://127.0.0.1:" + target.coapAddress().getPort()), ssid++, 60);
    }
    return builder.start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private Registration registration() {
    return server.registrations().store().byEndpoint("dev1").orElseThrow();
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void theRegistrationAnnouncesObjectsFormatsAndVersion() {
    Registration registration = registration();
    assertThat(registration.lwm2mVersion().toString()).isEqualTo("1.1");
    assertThat(registration.lifetimeSeconds()).isEqualTo(60);
    assertThat(registration.objectLinks().objects()).contains(1, 3, 3303).doesNotContain(0);
    assertThat(registration.objectLinks().contentFormats()).contains(ContentFormat.SENML_CBOR, ContentFormat.TLV);
  }

  @Test
  void readsInEveryFormat() throws Exception {
    for (ContentFormat format : List.of(ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR,
        ContentFormat.LWM2M_CBOR, ContentFormat.JSON)) {
      LwM2mNode device = get(server.devices().read(registration(), LwM2mPath.of(3, 0), OPTIONS.withFormat(format)));
      assertThat(((LwM2mObjectInstance) device).resource(0)).as(format.shortName())
          .contains(SingleResource.of(0, Value.of("lwm2m4j")));
    }
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(3, 0, 1), OPTIONS.withFormat(ContentFormat.TEXT))))
        .isEqualTo(SingleResource.of(1, Value.of("test-model")));
    assertThat(get(server.devices().read(registration(), LwM2mPath.of(3303), OPTIONS))).isNotNull();
  }

  @Test
  void writesReplaceAndUpdate() throws Exception {
    get(server.devices().write(registration(), LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+02:00")),
        WriteMode.REPLACE, OPTIONS));
    assertThat(client.value(LwM2mPath.of(3, 0, 14))).contains(Value.of("+02:00"));
    get(server.devices().write(registration(), LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(15, Value.of("Europe/Paris"))), WriteMode.UPDATE, OPTIONS));
    assertThat(client.value(LwM2mPath.of(3, 0, 15))).contains(Value.of("Europe/Paris"));
    assertThat(client.value(LwM2mPath.of(3, 0, 14))).contains(Value.of("+02:00"));
  }

  @Test
  void createsAndDeletesInstancesAndTheRegistrationFollows() throws Exception {
    LwM2mObjectInstance second = LwM2mObjectInstance.of(1, SingleResource.of(5700, Value.ofFloat(3.0)));
    assertThat(get(server.devices().create(registration(), 3303, second, OPTIONS))).isEqualTo(LwM2mPath.of(3303, 1));
    awaitEvent("updated dev1");
    assertThat(registration().objectLinks().instances()).contains(LwM2mPath.of(3303, 1));
    LwM2mPath chosen = get(server.devices().createChoosingId(registration(), 3303,
        LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(4.0))), OPTIONS));
    assertThat(chosen).isEqualTo(LwM2mPath.of(3303, 2));
    get(server.devices().delete(registration(), LwM2mPath.of(3303, 1), OPTIONS));
    assertThat(client.tree().instanceIds(3303)).containsExactly(0, 2);
    assertThat(failure(server.devices().create(registration(), 3303, LwM2mObjectInstance.of(0,
        SingleResource.of(5700, Value.ofFloat(1.0))), OPTIONS))).isInstanceOf(InvalidRequestException.class);
    assertThat(failure(server.devices().delete(registration(), LwM2mPath.of(3, 0), OPTIONS)))
        .isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void executesAndTheUpdateTriggerSendsAnUpdate() throws Exception {
    get(server.devices().execute(registration(), LwM2mPath.of(1, 0, 8), "", OPTIONS));
    awaitEvent("updated dev1");
    assertThat(failure(server.devices().execute(registration(), LwM2mPath.of(3, 0, 0), "", OPTIONS)))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThat(failure(server.devices().execute(registration(), LwM2mPath.of(1, 0, 8), "a=b", OPTIONS)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void discoversAndWritesAttributes() throws Exception {
    get(server.devices().writeAttributes(registration(), LwM2mPath.of(3303, 0, 5700), List.of("pmin=1", "gt=30"), OPTIONS));
    List<Link> links = get(server.devices().discover(registration(), LwM2mPath.of(3303, 0), OPTIONS));
    assertThat(links).extracting(Link::toString).contains("</3303/0>", "</3303/0/5700>;pmin=1;gt=30");
    assertThat(failure(server.devices().writeAttributes(registration(), LwM2mPath.of(3303, 0, 5700), List.of("lt=40"), OPTIONS)))
        .as("lt above gt").isInstanceOf(InvalidRequestException.class);
    get(server.devices().writeAttributes(registration(), LwM2mPath.of(3303, 0, 5700), List.of("gt"), OPTIONS));
    assertThat(get(server.devices().discover(registration(), LwM2mPath.of(3303, 0, 5700), OPTIONS)))
        .extracting(Link::toString).containsExactly("</3303/0/5700>;pmin=1");
  }

  @Test
  void observesNotifiesOnChangeAndCancels() throws Exception {
    ObserveResult result = get(server.observations().observe(registration(), LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS));
    assertThat(result.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(21.5)));
    temperature.set(5700, Value.ofFloat(22.0));
    Notification first = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(first.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(22.0)));
    assertThat(client.observations().size()).isEqualTo(1);

    get(server.observations().cancel(result.observation().token(), true, OPTIONS));
    waitUntil(() -> client.observations().size() == 0);
    temperature.set(5700, Value.ofFloat(23.0));
    assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).isNull();

    ObserveResult passive = get(server.observations().observe(registration(), LwM2mPath.of(3303, 0), List.of(), OPTIONS));
    get(server.observations().cancel(passive.observation().token(), false, OPTIONS));
    temperature.set(5700, Value.ofFloat(24.0));
    waitUntil(() -> client.observations().size() == 0);
  }

  @Test
  void notificationAttributesFilterChanges() throws Exception {
    get(server.devices().writeAttributes(registration(), LwM2mPath.of(3303, 0, 5700), List.of("st=5"), OPTIONS));
    get(server.observations().observe(registration(), LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS));
    temperature.set(5700, Value.ofFloat(22.0));
    assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).as("a step below st does not notify").isNull();
    temperature.set(5700, Value.ofFloat(30.0));
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(30.0)));
  }

  @Test
  void pmaxForcesNotificationsWithoutChanges() throws Exception {
    get(server.observations().observe(registration(), LwM2mPath.of(3303, 0, 5700), List.of("pmax=1"), OPTIONS));
    assertThat(notifications.poll(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void compositeReadWriteAndObserve() throws Exception {
    Map<LwM2mPath, LwM2mNode> values = get(server.devices().readComposite(registration(),
        List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(3303, 0, 5700)), OPTIONS));
    assertThat(values).containsEntry(LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("lwm2m4j")));
    get(server.devices().writeComposite(registration(), Map.of(LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+03:00")),
        LwM2mPath.of(3, 0, 15), SingleResource.of(15, Value.of("Asia/Qatar"))), OPTIONS));
    assertThat(client.value(LwM2mPath.of(3, 0, 15))).contains(Value.of("Asia/Qatar"));
    assertThat(failure(server.devices().writeComposite(registration(), Map.of(LwM2mPath.of(3, 0, 0),
        SingleResource.of(0, Value.of("x"))), OPTIONS))).isInstanceOf(MethodNotAllowedException.class);

    ObserveResult observed = get(server.observations().observeComposite(registration(),
        List.of(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 14)), OPTIONS));
    assertThat(observed.content()).containsKey(LwM2mPath.of(3303, 0, 5700));
    temperature.set(5700, Value.ofFloat(18.0));
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification.observation().composite()).isTrue();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(18.0)));
  }

  @Test
  void sendsValuesToTheServer() throws Exception {
    get(client.send(List.of(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 0))));
    List<TimestampedNode> values = sent.poll(10, TimeUnit.SECONDS);
    assertThat(values).extracting(TimestampedNode::path).contains(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3, 0, 0));
  }

  @Test
  void answersWithTheSpecErrorCodes() throws Exception {
    assertThat(failure(server.devices().read(registration(), LwM2mPath.of(3, 0, 9), OPTIONS))).isInstanceOf(NotFoundException.class);
    assertThat(failure(server.devices().read(registration(), LwM2mPath.of(42), OPTIONS))).isInstanceOf(NotFoundException.class);
    assertThat(failure(server.devices().read(registration(), LwM2mPath.of(1, 0, 8), OPTIONS)))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThat(failure(server.devices().write(registration(), LwM2mPath.of(3, 0, 0), SingleResource.of(0, Value.of("x")),
        WriteMode.REPLACE, OPTIONS))).isInstanceOf(MethodNotAllowedException.class);
    assertThat(failure(server.devices().read(registration(), LwM2mPath.of(3, 0), OPTIONS.withFormat(ContentFormat.TEXT))))
        .as("text cannot carry an instance: refused before sending").isInstanceOf(InvalidRequestException.class);
    assertThat(failure(server.devices().exchange(registration(), server.devices().request(registration(),
        org.lwm2m4j.transport.CoapMethod.GET, LwM2mPath.of(3, 0)).withAccept(0), OPTIONS)))
        .isInstanceOf(NotAcceptableException.class);
    assertThat(failure(server.devices().exchange(registration(), server.devices().request(registration(),
        org.lwm2m4j.transport.CoapMethod.PUT, LwM2mPath.of(3, 0, 14)).withPayload(11542, new byte[] {(byte) 0xFF}), OPTIONS)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(failure(server.devices().exchange(registration(), server.devices().request(registration(),
        org.lwm2m4j.transport.CoapMethod.PUT, LwM2mPath.of(3, 0, 14)).withPayload(4242, new byte[] {1}), OPTIONS)))
        .isInstanceOf(org.lwm2m4j.core.error.UnsupportedContentFormatException.class);
  }

  @Test
  void deregistersOnClose() throws Exception {
    client.close();
    client = null;
    awaitEvent("deregistered dev1");
    assertThat(server.registrations().store().byEndpoint("dev1")).isEmpty();
  }

  @Test
  void aSilentClientExpiresAndItsObservationsEnd() throws Exception {
    try (LwM2mServer strict = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationStore(new org.lwm2m4j.server.registration.InMemoryRegistrationStore(Duration.ZERO))
        .expiryCheckInterval(Duration.ofMillis(100)).start()) {
      BlockingQueue<String> expired = new ArrayBlockingQueue<>(10);
      strict.registrations().addListener(new RegistrationListener() {
        @Override
        public void expired(Registration registration) {
          expired.add(registration.endpoint());
        }
      });
      LwM2mClient silent = LwM2mClient.builder("silent").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + strict.coapAddress().getPort()), 1, 1).start();
      waitUntil(() -> strict.registrations().store().byEndpoint("silent").isPresent());
      Registration registration = strict.registrations().store().byEndpoint("silent").orElseThrow();
      get(strict.observations().observe(registration, LwM2mPath.of(3, 0, 9), List.of(), OPTIONS));
      assertThat(strict.observations().store().size()).isEqualTo(1);
      silent.halt();
      assertThat(expired.poll(10, TimeUnit.SECONDS)).isEqualTo("silent");
      waitUntil(() -> strict.observations().store().size() == 0);
      assertThat(strict.registrations().store().byEndpoint("silent")).isEmpty();
    }
  }

  @Test
  void aLiveClientDoesNotExpire() throws Exception {
    java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();
    try (LwM2mServer strict = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationStore(new org.lwm2m4j.server.registration.InMemoryRegistrationStore(Duration.ZERO))
        .expiryCheckInterval(Duration.ofMillis(100)).start();
        LwM2mClient lively = LwM2mClient.builder("lively").localAddress(new InetSocketAddress("127.0.0.1", 0))
            .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.5))
            .registrationListener(new org.lwm2m4j.client.registration.RegistrationListener() {
              @Override
              public void updated(int ssid) {
                updates.incrementAndGet();
              }
            })
            .server(URI.create("coap://127.0.0.1:" + strict.coapAddress().getPort()), 1, 2).start()) {
      waitUntil(() -> strict.registrations().store().byEndpoint("lively").isPresent());
      String id = strict.registrations().store().byEndpoint("lively").orElseThrow().id();
      // three Updates, one a second, outlast the 2 s lifetime the server checks every 100 ms
      waitUntil(() -> updates.get() >= 3);
      assertThat(strict.registrations().store().byEndpoint("lively")).as("updates keep it alive")
          .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(id));
    }
  }

  @Test
  void disableDeregistersForTheDisableTimeoutThenRegistersAgain() throws Exception {
    get(server.devices().write(registration(), LwM2mPath.of(1, 0, 5), SingleResource.of(5, Value.ofInteger(1)),
        WriteMode.REPLACE, OPTIONS));
    get(server.devices().execute(registration(), LwM2mPath.of(1, 0, 4), "", OPTIONS));
    awaitEvent("deregistered dev1");
    awaitEvent("registered dev1");
  }

  @Test
  void retriesWithBackOffUntilTheServerAnswers() throws Exception {
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = probe.getLocalPort();
    }
    BlockingQueue<String> progress = new ArrayBlockingQueue<>(100);
    try (LwM2mClient patient = LwM2mClient.builder("patient").localAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapSettings(new org.lwm2m4j.transport.CoapSettings(Duration.ofMillis(100), 1))
        .registrationSettings(new RegistrationSettings(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(400), 0.9))
        .registrationListener(new org.lwm2m4j.client.registration.RegistrationListener() {
          @Override
          public void registered(int ssid, String location) {
            progress.add("registered");
          }

          @Override
          public void failed(int ssid, String reason, long retryInMillis) {
            progress.add("failed " + retryInMillis);
          }
        })
        .server(URI.create("coap://127.0.0.1:" + port), 1, 60).start()) {
      assertThat(progress.poll(10, TimeUnit.SECONDS)).isEqualTo("failed 100");
      assertThat(progress.poll(10, TimeUnit.SECONDS)).as("the wait doubles").isEqualTo("failed 200");
      try (LwM2mServer late = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", port)).start()) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
            .until(() -> "registered".equals(progress.poll(100, TimeUnit.MILLISECONDS)));
        assertThat(late.registrations().store().byEndpoint("patient")).isPresent();
      }
    }
  }

  @Test
  void registersAgainWhenAnUpdateGets404() throws Exception {
    server.registrations().deregister(registration().id());
    awaitEvent("deregistered dev1");
    client.registrations().updateAll();
    awaitEvent("registered dev1");
    assertThat(server.registrations().store().byEndpoint("dev1")).isPresent();
  }

  @Test
  void registersWithSeveralServers() throws Exception {
    try (LwM2mServer second = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
      client.close();
      awaitEvent("deregistered dev1");
      client = startClient("dev1", server, second);
      awaitEvent("registered dev1");
      waitUntil(() -> client.registrations().registrations().size() == 2);
      assertThat(client.registrations().registrations()).containsOnlyKeys(1, 2);
      Registration onSecond = second.registrations().store().byEndpoint("dev1").orElseThrow();
      assertThat(get(second.devices().read(onSecond, LwM2mPath.of(3, 0, 0), OPTIONS))).isEqualTo(SingleResource.of(0, Value.of("lwm2m4j")));
      assertThat(failure(second.devices().write(onSecond, LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+04:00")),
          WriteMode.REPLACE, OPTIONS))).as("the ACL gives server 2 no W").isInstanceOf(org.lwm2m4j.core.error.UnauthorizedException.class);
      get(server.devices().write(registration(), LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+04:00")),
          WriteMode.REPLACE, OPTIONS));
      assertThat(client.value(LwM2mPath.of(3, 0, 14))).contains(Value.of("+04:00"));
      assertThat(failure(second.devices().read(onSecond, LwM2mPath.of(3303, 0), OPTIONS)))
          .as("no ACL instance governs /3303/0").isInstanceOf(org.lwm2m4j.core.error.UnauthorizedException.class);

      get(second.observations().observe(onSecond, LwM2mPath.of(3, 0, 14), List.of(), OPTIONS));
      assertThat(second.observations().store().size()).isEqualTo(1);
      // the owner takes server 2's Read right away: its observation ends at the next change
      get(server.devices().write(registration(), LwM2mPath.of(2, 0, 2), MultipleResource.of(2, ResourceType.INTEGER,
          LwM2mResourceInstance.of(1, Value.ofInteger(3))), WriteMode.REPLACE, OPTIONS));
      get(server.devices().write(registration(), LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.of("+05:00")),
          WriteMode.REPLACE, OPTIONS));
      waitUntil(() -> second.observations().store().size() == 0);
    }
  }

  /** Takes events until {@code expected} comes, within {@link #WAIT}. */
  private void awaitEvent(String expected) {
    await("event '" + expected + "'").atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> expected.equals(events.poll(100, TimeUnit.MILLISECONDS)));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }
}
