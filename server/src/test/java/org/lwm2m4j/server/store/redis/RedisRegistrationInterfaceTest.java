package org.lwm2m4j.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** The registration interface of two nodes over real UDP on 127.0.0.1, each on its own Redis store, one Redis. */
class RedisRegistrationInterfaceTest {
  private static RedisServerProcess redis;

  private final SystemScheduler scheduler = SystemScheduler.create("redis-registration-test", 2);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final CoapClient client = new CoapClient();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void empty() throws Exception {
    redis.command("FLUSHALL");
  }

  @AfterEach
  void stop() throws Exception {
    client.shutdown();
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    scheduler.close();
  }

  /** A node: its store, registration service and a UDP endpoint serving the registration interface. */
  private record Node(RedisStore store, CoapEndpoint endpoint) {}

  private Node node(String id) throws Exception {
    RedisStore store = RedisStore.open(RedisStoreSettings.of(redis.uri(), id).withExecutor(scheduler)
        .withCommandTimeout(Duration.ofSeconds(2)));
    opened.add(store);
    RegistrationService service = new RegistrationService(store.registrations(), scheduler, Duration.ofSeconds(1));
    opened.add(service);
    CoapEndpoint endpoint = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), new RegistrationHandler(service),
        CoapSettings.DEFAULTS);
    opened.add(endpoint);
    return new Node(store, endpoint);
  }

  private CoapResponse send(Node node, Request request, String pathAndQuery, String payload) throws Exception {
    request.setURI("coap://127.0.0.1:" + node.endpoint().address().getPort() + pathAndQuery);
    if (payload != null) {
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
      request.setPayload(payload);
    }
    return client.advanced(request);
  }

  @Test
  void aRegisterIsAnsweredOnceRedisHasItAndAnotherNodeTakesItsUpdateAndDeregister() throws Exception {
    Node a = node("node-a");
    Node b = node("node-b");

    CoapResponse registered = send(a, Request.newPost(), "/rd?ep=dev1&lt=300", "</1/0>,</3/0>,</3303/0>");

    assertThat(registered.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    String id = registered.getOptions().getLocationPath().get(1);
    assertThat(redis.command("HGET lwm2m:reg:{dev1} i")).isEqualTo("$" + id.length());
    await().atMost(Duration.ofSeconds(10)).until(() -> b.store().registrations().byId(id).isPresent());

    assertThat(send(b, Request.newPost(), "/rd/" + id + "?lt=120", null).getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
    assertThat(redis.command("HGET lwm2m:reg:{dev1} o")).isEqualTo("$6");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(a.store().registrations().byId(id).orElseThrow().lifetimeSeconds()).isEqualTo(120);
      assertThat(a.store().ownership().ownerOf(a.store().registrations().byId(id).orElseThrow())).contains("node-b");
    });

    assertThat(send(b, Request.newDelete(), "/rd/" + id, null).getCode()).isEqualTo(CoAP.ResponseCode.DELETED);
    assertThat(redis.command("EXISTS lwm2m:reg:{dev1}")).isEqualTo(":0");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.store().registrations().size() == 0);
  }

  @Test
  void aRegisterRedisDidNotTakeIsNotAcknowledged() throws Exception {
    Node a = node("node-a");
    redis.kill();
    try {
      CoapResponse refused = send(a, Request.newPost(), "/rd?ep=dev1&lt=300", "</1/0>,</3/0>");

      assertThat(refused.getCode()).isNotEqualTo(CoAP.ResponseCode.CREATED);
      assertThat(refused.getCode().codeClass).isEqualTo(5);
    } finally {
      redis.startAgain();
    }
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
        send(a, Request.newPost(), "/rd?ep=dev1&lt=300", "</1/0>,</3/0>").getCode() == CoAP.ResponseCode.CREATED);
  }
}
