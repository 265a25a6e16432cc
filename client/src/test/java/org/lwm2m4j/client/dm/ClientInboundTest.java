package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.client.dm.InboundFixture.BOOTSTRAP;
import static org.lwm2m4j.client.dm.InboundFixture.C;
import static org.lwm2m4j.client.dm.InboundFixture.OBJECT_LEVEL;
import static org.lwm2m4j.client.dm.InboundFixture.R;
import static org.lwm2m4j.client.dm.InboundFixture.SERVER_1;
import static org.lwm2m4j.client.dm.InboundFixture.SERVER_2;
import static org.lwm2m4j.client.dm.InboundFixture.text;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.observe.RecordingObserveRelation;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The client's whole inbound chain ({@link ClientInbound#chain}) below the transport: which peer
 * reaches which handler, what access control refuses, and that every failure leaves it as a
 * response with the right code.
 */
class ClientInboundTest {
  private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 45683);
  private static final LwM2mPath APPLICATION_TYPE = LwM2mPath.of(3303, 0, 5750);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final InboundFixture client = new InboundFixture(scheduler);
  private final List<CoapRequest> bootstrapCommands = new ArrayList<>();
  private final NodeCodecs codecs = NodeCodecs.standard();
  private CoapHandler chain;

  @BeforeEach
  void setUp() {
    CoapHandler bootstrap = request -> {
      bootstrapCommands.add(request);
      return java.util.concurrent.CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    };
    chain = ClientInbound.chain(BOOTSTRAP::equals, bootstrap, client.servers, client.access, client.tree, client.dm());
  }

  private CoapResponse send(InetSocketAddress peer, CoapMethod method, String path) {
    return send(CoapRequest.to(peer, method, segments(path)));
  }

  private CoapResponse send(CoapRequest request) {
    return chain.handle(request).join();
  }

  private static List<String> segments(String path) {
    return path.equals("/") ? List.of() : List.of(path.substring(1).split("/"));
  }

  private static String message(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  private CoapResponse writeApplicationType(InetSocketAddress peer, String value) {
    return send(CoapRequest.to(peer, CoapMethod.PUT, List.of("3303", "0", "5750")).withPayload(ContentFormat.TEXT.code(), text(value)));
  }

  // ---- which server is this peer -------------------------------------------------------------

  @Test
  void aPeerThatIsNoServerOfTheClientGetsUnauthorized() {
    CoapResponse response = send(STRANGER, CoapMethod.GET, "/3/0");

    assertThat(response.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(message(response)).isEqualTo(STRANGER + " is not a server this client is registered with");
    assertThat(bootstrapCommands).isEmpty();
  }

  @Test
  void theBootstrapServersCommandsGoToTheBootstrapHandler() {
    CoapResponse response = send(BOOTSTRAP, CoapMethod.PUT, "/0/1");

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(bootstrapCommands).extracting(CoapRequest::pathText).containsExactly("/0/1");
  }

  @Test
  void anObserveFromTheBootstrapServerIsNoBootstrapCommand() {
    CoapRequest observe = CoapRequest.to(BOOTSTRAP, CoapMethod.GET, List.of("3", "0"));

    CoapResponse response = chain.observe(observe, new RecordingObserveRelation(BOOTSTRAP)).join();

    assertThat(response.code()).as("the Bootstrap interface has no Observe").isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(bootstrapCommands).isEmpty();
  }

  @Test
  void aDmServerIsAnsweredFromTheDmView() {
    client.dmServers.set(1);

    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("3303", "0", "5700")));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("21.5");
  }

  // ---- access control ------------------------------------------------------------------------

  @Test
  void withTwoServersAnInstanceNoAcoInstanceGovernsIsClosed() {
    CoapResponse response = send(SERVER_1, CoapMethod.GET, "/3303/0/5700");

    assertThat(response.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(message(response)).isEqualTo("server 1 may not Read /3303/0/5700: no Access Control instance governs /3303/0");
  }

  @Test
  void theSecurityObjectIsClosedToEveryDmServer() {
    client.dmServers.set(1);

    CoapResponse response = send(SERVER_1, CoapMethod.GET, "/0/1");

    assertThat(response.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(message(response)).isEqualTo("server 1 may not Read /0/1: object 0 is only for the bootstrap server");
  }

  @Test
  void aServerWithoutTheWriteRightGetsUnauthorizedAndNothingChanges() {
    client.aco(3303, 0, 2, Map.of(1, R));

    CoapResponse refused = writeApplicationType(SERVER_1, "boiler");

    assertThat(refused.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(message(refused)).startsWith("server 1 may not Write /3303/0/5750: it needs W but has R");
    assertThat(client.tree.single(APPLICATION_TYPE)).isEmpty();
    assertThat(writeApplicationType(SERVER_2, "boiler").code()).as("the owner may").isEqualTo(ResponseCode.CHANGED);
    assertThat(client.tree.single(APPLICATION_TYPE)).contains(SingleResource.of(5750, Value.of("boiler")));
  }

  @Test
  void aReadOfAWholeObjectLeavesOutTheInstancesTheServerMayNotRead() {
    client.aco(3303, 0, 2, Map.of(1, R));
    client.aco(3303, 1, 2, Map.of());

    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("3303")).withAccept(ContentFormat.SENML_JSON.code()));

    LwM2mNode node = codecs.decode(ContentFormat.SENML_JSON, response.payload(), LwM2mPath.of(3303), client.tree);
    assertThat(((LwM2mObject) node).instances()).extracting(LwM2mObjectInstance::id).containsExactly(0);
  }

  @Test
  void aReadCompositeLeavesOutThePathsTheServerMayNotRead() {
    client.aco(3303, 0, 2, Map.of(1, R));
    client.aco(3303, 1, 2, Map.of());
    byte[] paths = text("[{\"n\":\"/3303/0/5700\"},{\"n\":\"/3303/1/5700\"}]");

    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.FETCH, List.of())
        .withPayload(ContentFormat.SENML_JSON.code(), paths));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(message(response)).contains("/3303/0/5700").doesNotContain("/3303/1");
  }

  @Test
  void aCreateGivesTheNewInstanceAnAcoInstanceOwnedByItsCreator() {
    client.aco(3303, OBJECT_LEVEL, 2, Map.of(1, C));
    byte[] payload = codecs.encode(ContentFormat.SENML_JSON, new LwM2mObject(3303, List.of(
        new LwM2mObjectInstance(7, List.of(InboundFixture.temperature(18.0))))), LwM2mPath.of(3303), client.tree);

    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.POST, List.of("3303"))
        .withPayload(ContentFormat.SENML_JSON.code(), payload));

    assertThat(response.code()).isEqualTo(ResponseCode.CREATED);
    assertThat(response.locationPath()).containsExactly("3303", "7");
    assertThat(client.tree.instanceIds(2)).anySatisfy(id -> {
      LwM2mObjectInstance aco = (LwM2mObjectInstance) client.tree.bootstrapView().read(LwM2mPath.of(2, id));
      assertThat(aco.resource(0)).as("object").contains(SingleResource.of(0, Value.ofInteger(3303)));
      assertThat(aco.resource(1)).as("instance").contains(SingleResource.of(1, Value.ofInteger(7)));
      assertThat(aco.resource(3)).as("owner").contains(SingleResource.of(3, Value.ofInteger(1)));
    });
  }

  @Test
  void anExecuteWithAPayloadThatIsNoTextIsRefusedBeforeAccessControlIsAsked() {
    client.aco(3, 0, 2, Map.of(1, R));
    CoapRequest execute = CoapRequest.to(SERVER_1, CoapMethod.POST, List.of("3", "0", "4"));

    assertThat(send(execute.withPayload(ContentFormat.SENML_JSON.code(), text("[]"))).code())
        .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(send(execute).code()).as("no E right").isEqualTo(ResponseCode.UNAUTHORIZED);
  }

  // ---- failures become codes -----------------------------------------------------------------

  @Test
  void aPathThatIsNoLwM2mPathIsNotFound() {
    CoapResponse response = send(SERVER_1, CoapMethod.GET, "/rd/x");

    assertThat(response.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(message(response)).isEqualTo("/rd/x is not a LwM2M path");
  }

  @Test
  void aMethodThatIsNoLwM2mOperationIsMethodNotAllowed() {
    assertThat(send(SERVER_1, CoapMethod.PATCH, "/3/0").code()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void aCompositePayloadThatDoesNotDecodeIsABadRequest() {
    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.FETCH, List.of())
        .withPayload(ContentFormat.SENML_JSON.code(), text("[{")));

    assertThat(response.code()).isEqualTo(ResponseCode.BAD_REQUEST);
  }
}
