package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.acl.AccessControl;
import org.lwm2m4j.client.object.ExecutableInstance;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.client.observe.RecordingObserveRelation;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The DM interface end to end below the transport: CoAP requests in, tree operations and CoAP
 * answers out, through the client's chain without its first step. Failures leave the chain as
 * exceptions whose type fixes the code ({@link FailureToResponse} turns them into the response),
 * so the error cases assert on the exception type.
 */
class DeviceManagementHandlerTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.10", 5683);
  private static final InetSocketAddress OTHER_SERVER = new InetSocketAddress("192.0.2.20", 5683);
  private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.7", 5683);

  private final ObjectModelRegistry models = ObjectModelRegistry.bundled();
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final ObjectTree tree = new ObjectTree();
  private final AttributeStore attributes = new AttributeStore();
  private final ExecutableInstance device = new ExecutableInstance(0, List.of(
      SingleResource.of(0, Value.of("Open Mobile Alliance")),
      SingleResource.of(9, Value.ofInteger(95)),
      MultipleResource.of(11, ResourceType.INTEGER, LwM2mResourceInstance.of(0, Value.ofInteger(0))),
      SingleResource.of(14, Value.of("+01:00")),
      SingleResource.of(16, Value.of("U"))));
  private final StoredInstance temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(20.0))));
  private ObservationTracker observations;
  private CoapHandler handler;

  @BeforeEach
  void setUp() {
    tree.addObject(models.objectModel(1).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(0, Value.ofInteger(1)),
        SingleResource.of(1, Value.ofInteger(86400)),
        SingleResource.of(6, Value.of(false)),
        SingleResource.of(7, Value.of("U"))))));
    tree.addObject(models.objectModel(3).orElseThrow(), StoredInstance::new, List.of(device));
    tree.addObject(models.objectModel(3303).orElseThrow(), StoredInstance::new, List.of(temperature));
    observations = new ObservationTracker(tree, attributes, ssid -> ServerDefaults.NONE, new VirtualScheduler());
    ServerIdentity servers = peer -> peer.equals(SERVER) ? OptionalInt.of(1)
        : peer.equals(OTHER_SERVER) ? OptionalInt.of(2) : OptionalInt.empty();
    // the client's chain after its failure step, so that failures leave it as exceptions
    handler = ClientInbound.asCoapHandler(new ServerRouting(peer -> false, request -> {
      throw new AssertionError("no bootstrap server here");
    }, servers)
        .andThen(new DmRequestParser(tree))
        .andThen(new AccessCheck(new AccessControl(tree, () -> 1), tree))
        .then(new DeviceManagementHandler(tree, attributes, observations, ContentFormat.TLV)));
  }

  @AfterEach
  void tearDown() {
    observations.close();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static CoapRequest request(CoapMethod method, String path) {
    return request(SERVER, method, path);
  }

  private static CoapRequest request(InetSocketAddress peer, CoapMethod method, String path) {
    List<String> segments = path.equals("/") ? List.of() : List.of(path.substring(1).split("/"));
    return CoapRequest.to(peer, method, segments);
  }

  private CoapResponse handle(CoapRequest request) {
    return handler.handle(request).join();
  }

  private LwM2mPath path(String text) {
    return LwM2mPath.parse(text);
  }

  private byte[] encode(ContentFormat format, LwM2mNode node, String path) {
    return codecs.encode(format, node, path(path), tree);
  }

  private LwM2mNode decode(CoapResponse response, String path) {
    ContentFormat format = ContentFormat.fromCode(response.contentFormat().orElseThrow()).orElseThrow();
    return codecs.decode(format, response.payload(), path(path), tree);
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  // ---- Read ----------------------------------------------------------------------------------

  @Test
  void readWithAcceptTlv() {
    CoapResponse response = handle(request(CoapMethod.GET, "/3/0").withAccept(ContentFormat.TLV.code()));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.TLV.code()));
    LwM2mObjectInstance instance = (LwM2mObjectInstance) decode(response, "/3/0");
    assertThat(instance.resource(0)).contains(SingleResource.of(0, Value.of("Open Mobile Alliance")));
    assertThat(instance.resource(9)).contains(SingleResource.of(9, Value.ofInteger(95)));
  }

  @Test
  void readWithAcceptSenmlJson() {
    CoapResponse response = handle(request(CoapMethod.GET, "/3/0/9").withAccept(ContentFormat.SENML_JSON.code()));

    assertThat(response.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.SENML_JSON.code()));
    assertThat(text(response)).contains("\"/3/0/9\"");
    assertThat(decode(response, "/3/0/9")).isEqualTo(SingleResource.of(9, Value.ofInteger(95)));
  }

  @Test
  void readWithAcceptText() {
    CoapResponse response = handle(request(CoapMethod.GET, "/3/0/0").withAccept(ContentFormat.TEXT.code()));

    assertThat(response.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.TEXT.code()));
    assertThat(text(response)).isEqualTo("Open Mobile Alliance");
  }

  @Test
  void readWithoutAcceptGivesTextForOneValueAndThePreferredFormatForMore() {
    CoapResponse single = handle(request(CoapMethod.GET, "/3/0/9"));
    CoapResponse instance = handle(request(CoapMethod.GET, "/3/0"));

    assertThat(single.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.TEXT.code()));
    assertThat(text(single)).isEqualTo("95");
    assertThat(instance.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.TLV.code()));
  }

  @Test
  void readWithAnAcceptTheClientCannotProduceIsNotAcceptable() {
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/0").withAccept(9999))).isInstanceOf(NotAcceptableException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/0").withAccept(ContentFormat.TEXT.code())))
        .as("text/plain cannot carry an instance").isInstanceOf(NotAcceptableException.class);
  }

  @Test
  void aRequestFromAnUnknownPeerIsUnauthorized() {
    assertThatThrownBy(() -> handle(request(STRANGER, CoapMethod.GET, "/3/0/0"))).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void aPathThatIsNotALwM2mPathIsNotFound() {
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/device/0"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/0/0/0/0"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/65535"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readErrorsComeFromTheTree() {
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/1"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.GET, "/3/0/4"))).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Write ---------------------------------------------------------------------------------

  @Test
  void putReplacesAResource() {
    CoapResponse response = handle(request(CoapMethod.PUT, "/3/0/14")
        .withPayload(ContentFormat.TEXT.code(), "+02:00".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.dmView().read(path("/3/0/14"))).isEqualTo(SingleResource.of(14, Value.of("+02:00")));
  }

  @Test
  void postUpdatesAnInstancePartially() {
    byte[] payload = encode(ContentFormat.SENML_JSON, LwM2mObjectInstance.of(0, SingleResource.of(1, Value.ofInteger(300))), "/1/0");

    CoapResponse response = handle(request(CoapMethod.POST, "/1/0").withPayload(ContentFormat.SENML_JSON.code(), payload));

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.dmView().read(path("/1/0/1"))).isEqualTo(SingleResource.of(1, Value.ofInteger(300)));
    assertThat(tree.dmView().read(path("/1/0/7"))).as("untouched").isEqualTo(SingleResource.of(7, Value.of("U")));
  }

  @Test
  void putWithoutContentFormatIsABadRequest() {
    CoapRequest request = new CoapRequest(CoapMethod.PUT, List.of("3", "0", "14"), List.of(), OptionalInt.empty(),
        OptionalInt.empty(), "+02:00".getBytes(StandardCharsets.UTF_8), SERVER);

    assertThatThrownBy(() -> handle(request)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void putWithAnUnknownContentFormatIsUnsupported() {
    CoapRequest request = request(CoapMethod.PUT, "/3/0/14").withPayload(9999, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> handle(request)).isInstanceOf(UnsupportedContentFormatException.class);
  }

  @Test
  void putWithAPayloadThatDoesNotDecodeIsABadRequest() {
    CoapRequest request = request(CoapMethod.PUT, "/3/0").withPayload(ContentFormat.TLV.code(), new byte[] {(byte) 0xC8, 0x0E});

    assertThatThrownBy(() -> handle(request)).isInstanceOf(InvalidRequestException.class);
    assertThat(tree.dmView().read(path("/3/0/14"))).isEqualTo(SingleResource.of(14, Value.of("+01:00")));
  }

  @Test
  void writeOnAnObjectIsNotAllowed() {
    byte[] payload = encode(ContentFormat.TLV, LwM2mObject.of(1), "/1");

    assertThatThrownBy(() -> handle(request(CoapMethod.PUT, "/1").withPayload(ContentFormat.TLV.code(), payload)))
        .isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void postToASingleValueResourceIsNotAllowed() {
    CoapRequest request = request(CoapMethod.POST, "/3/0/14").withPayload(ContentFormat.TEXT.code(), "x".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> handle(request)).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Create --------------------------------------------------------------------------------

  @Test
  void createWithAnInstanceTlvUsesTheServersId() {
    byte[] payload = encode(ContentFormat.TLV,
        LwM2mObject.of(3303, LwM2mObjectInstance.of(7, SingleResource.of(5700, Value.ofFloat(21.5)))), "/3303");

    CoapResponse response = handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.TLV.code(), payload));

    assertThat(response.code()).isEqualTo(ResponseCode.CREATED);
    assertThat(response.locationPath()).containsExactly("3303", "7");
    assertThat(tree.dmView().read(path("/3303/7/5700"))).isEqualTo(SingleResource.of(5700, Value.ofFloat(21.5)));
  }

  @Test
  void createWithBareResourceTlvsLetsTheClientChooseTheId() {
    byte[] payload = encode(ContentFormat.TLV, LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(18.0))), "/3303/0");

    CoapResponse response = handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.TLV.code(), payload));

    assertThat(response.code()).isEqualTo(ResponseCode.CREATED);
    assertThat(response.locationPath()).containsExactly("3303", "1");
    assertThat(tree.dmView().read(path("/3303/1/5700"))).isEqualTo(SingleResource.of(5700, Value.ofFloat(18.0)));
  }

  @Test
  void createWithSenmlJson() {
    byte[] payload = encode(ContentFormat.SENML_JSON,
        LwM2mObject.of(3303, LwM2mObjectInstance.of(5, SingleResource.of(5700, Value.ofFloat(-3.5)))), "/3303");

    CoapResponse response = handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.SENML_JSON.code(), payload));

    assertThat(response.locationPath()).containsExactly("3303", "5");
    assertThat(tree.instanceIds(3303)).containsExactly(0, 5);
  }

  /** Regression: the handler used to retry a refused TLV Create as bare resources and answer 2.01 /3303/1. */
  @Test
  void createWithAnInstanceIdInUseIsABadRequestAndCreatesNothing() {
    byte[] tlv = encode(ContentFormat.TLV,
        LwM2mObject.of(3303, LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(1.0)))), "/3303");
    byte[] senml = encode(ContentFormat.SENML_JSON,
        LwM2mObject.of(3303, LwM2mObjectInstance.of(0, SingleResource.of(5700, Value.ofFloat(1.0)))), "/3303");

    assertThatThrownBy(() -> handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.TLV.code(), tlv)))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.SENML_JSON.code(), senml)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(tree.instanceIds(3303)).containsExactly(0);
    assertThat(tree.dmView().read(path("/3303/0/5700"))).isEqualTo(SingleResource.of(5700, Value.ofFloat(20.0)));
  }

  @Test
  void createWithoutAMandatoryResourceIsABadRequestAndCreatesNothing() {
    byte[] tlv = encode(ContentFormat.TLV,
        LwM2mObject.of(3303, LwM2mObjectInstance.of(2, SingleResource.of(5701, Value.of("Cel")))), "/3303");

    assertThatThrownBy(() -> handle(request(CoapMethod.POST, "/3303").withPayload(ContentFormat.TLV.code(), tlv)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(tree.instanceIds(3303)).containsExactly(0);
  }

  @Test
  void createOfASecondInstanceOfTheDeviceIsABadRequest() {
    byte[] tlv = encode(ContentFormat.TLV, LwM2mObjectInstance.of(0, SingleResource.of(16, Value.of("U"))), "/3/0");

    assertThatThrownBy(() -> handle(request(CoapMethod.POST, "/3").withPayload(ContentFormat.TLV.code(), tlv)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(tree.instanceIds(3)).containsExactly(0);
  }

  @Test
  void createWithAPayloadButNoContentFormatIsABadRequest() {
    CoapRequest request = new CoapRequest(CoapMethod.POST, List.of("3303"), List.of(), OptionalInt.empty(),
        OptionalInt.empty(), new byte[] {1}, SERVER);

    assertThatThrownBy(() -> handle(request)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void createOfAnUnsupportedObjectIsNotFound() {
    assertThatThrownBy(() -> handle(request(CoapMethod.POST, "/3311").withPayload(ContentFormat.TLV.code(), new byte[] {0})))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- Execute -------------------------------------------------------------------------------

  @Test
  void postToAnExecutableResourceExecutesIt() {
    CoapResponse response = handle(request(CoapMethod.POST, "/3/0/4"));

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(device.calls).containsExactly(new ExecutableInstance.Call(4, ""));
  }

  @Test
  void executeArgumentsArePassedAsText() {
    handle(request(CoapMethod.POST, "/3/0/4").withPayload(ContentFormat.TEXT.code(), "0='now'".getBytes(StandardCharsets.US_ASCII)));

    assertThat(device.calls).containsExactly(new ExecutableInstance.Call(4, "0='now'"));
  }

  @Test
  void executeWithBadArgumentsIsABadRequest() {
    CoapRequest request = request(CoapMethod.POST, "/3/0/4").withPayload(ContentFormat.TEXT.code(), "now".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> handle(request)).isInstanceOf(InvalidRequestException.class);
    assertThat(device.calls).isEmpty();
  }

  @Test
  void executeArgumentsInAnotherFormatThanTextAreUnsupported() {
    CoapRequest request = request(CoapMethod.POST, "/3/0/4").withPayload(ContentFormat.TLV.code(), new byte[] {0});

    assertThatThrownBy(() -> handle(request)).isInstanceOf(UnsupportedContentFormatException.class);
    assertThat(device.calls).isEmpty();
  }

  // ---- Delete --------------------------------------------------------------------------------

  @Test
  void deleteRemovesAnInstanceButNotTheDevice() {
    assertThat(handle(request(CoapMethod.DELETE, "/3303/0")).code()).isEqualTo(ResponseCode.DELETED);
    assertThat(tree.instanceIds(3303)).isEmpty();

    assertThatThrownBy(() -> handle(request(CoapMethod.DELETE, "/3/0"))).isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.DELETE, "/3303"))).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Write-Attributes and Discover ---------------------------------------------------------

  private String discover(InetSocketAddress peer, String path) {
    CoapResponse response = handle(request(peer, CoapMethod.GET, path).withAccept(ContentFormat.LINK.code()));
    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.LINK.code()));
    return text(response);
  }

  @Test
  void putWithAQueryAndNoPayloadWritesAttributesForThatServer() {
    CoapResponse response = handle(request(CoapMethod.PUT, "/3/0/9").withQuery(List.of("pmin=10", "pmax=60")));

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(attributes.assigned(1, path("/3/0/9"))).isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60));
    assertThat(attributes.assigned(2, path("/3/0/9"))).isEqualTo(NotificationAttributes.NONE);
  }

  @Test
  void invalidAttributesAreABadRequestAndAMissingTargetIsNotFound() {
    assertThatThrownBy(() -> handle(request(CoapMethod.PUT, "/3/0").withQuery(List.of("gt=5"))))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.PUT, "/3/0/9").withQuery(List.of("pmin=abc"))))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.PUT, "/3/1").withQuery(List.of("pmin=1"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.PUT, "/3/0/9"))).as("neither attributes nor payload")
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void discoverOfAResourceShowsTheRequestingServersAttributes() {
    handle(request(CoapMethod.PUT, "/3").withQuery(List.of("pmin=10")));
    handle(request(CoapMethod.PUT, "/3/0/9").withQuery(List.of("pmax=60", "gt=50")));

    assertThat(discover(SERVER, "/3/0/9")).isEqualTo("</3/0/9>;pmin=10;pmax=60;gt=50");
    assertThat(discover(OTHER_SERVER, "/3/0/9")).isEqualTo("</3/0/9>");
  }

  @Test
  void discoverOfAnObject() {
    handle(request(CoapMethod.PUT, "/3/0").withQuery(List.of("pmax=60")));

    assertThat(discover(SERVER, "/3")).isEqualTo("</3>;ver=1.2,</3/0>;pmax=60,"
        + "</3/0/0>,</3/0/4>,</3/0/5>,</3/0/9>,</3/0/11>;dim=1,</3/0/12>,</3/0/14>,</3/0/16>");
  }

  @Test
  void discoverOfAnExecutableResource() {
    assertThat(discover(SERVER, "/3/0/4")).isEqualTo("</3/0/4>");
  }

  @Test
  void discoverOfAResourceInstanceIsNotAllowed() {
    assertThatThrownBy(() -> discover(SERVER, "/3/0/11/0")).isInstanceOf(MethodNotAllowedException.class);
  }

  // ---- Composite -----------------------------------------------------------------------------

  @Test
  void fetchReadsSeveralPathsAndLeavesOutMissingOnes() {
    byte[] paths = codecs.composite(ContentFormat.SENML_JSON).orElseThrow()
        .encodePaths(List.of(path("/3/0/0"), path("/3/0/9"), path("/1/0/1"), path("/3303/9")));

    CoapResponse response = handle(request(CoapMethod.FETCH, "/")
        .withPayload(ContentFormat.SENML_JSON.code(), paths).withAccept(ContentFormat.SENML_JSON.code()));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.SENML_JSON.code()));
    Map<LwM2mPath, LwM2mNode> values = codecs.composite(ContentFormat.SENML_JSON).orElseThrow()
        .decodeNodes(response.payload(), List.of(), tree);
    assertThat(values).containsOnly(
        Map.entry(path("/3/0/0"), SingleResource.of(0, Value.of("Open Mobile Alliance"))),
        Map.entry(path("/3/0/9"), SingleResource.of(9, Value.ofInteger(95))),
        Map.entry(path("/1/0/1"), SingleResource.of(1, Value.ofInteger(86400))));
  }

  /** Read-Composite is best effort: a path that exists but is not readable is left out, like a missing one. */
  @Test
  void fetchLeavesOutPathsThatAreNotReadable() {
    tree.addObject(models.objectModel(3305).orElseThrow(), StoredInstance::new, List.of(new StoredInstance(0, List.of(
        SingleResource.of(5800, Value.ofFloat(12.0)), SingleResource.of(5806, Value.ofFloat(1.5))))));
    byte[] paths = codecs.composite(ContentFormat.SENML_JSON).orElseThrow()
        .encodePaths(List.of(path("/3305/0/5806"), path("/3/0/4"), path("/3/0/9")));

    CoapResponse response = handle(request(CoapMethod.FETCH, "/").withPayload(ContentFormat.SENML_JSON.code(), paths));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(codecs.composite(ContentFormat.SENML_JSON).orElseThrow().decodeNodes(response.payload(), List.of(), tree))
        .containsOnly(Map.entry(path("/3/0/9"), SingleResource.of(9, Value.ofInteger(95))));
  }

  @Test
  void fetchIsOnlyForRootAndSenml() {
    byte[] paths = codecs.composite(ContentFormat.SENML_JSON).orElseThrow().encodePaths(List.of(path("/3/0/0")));

    assertThatThrownBy(() -> handle(request(CoapMethod.FETCH, "/3").withPayload(ContentFormat.SENML_JSON.code(), paths)))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.FETCH, "/").withPayload(ContentFormat.TLV.code(), paths)))
        .isInstanceOf(UnsupportedContentFormatException.class);
    assertThatThrownBy(() -> handle(request(CoapMethod.FETCH, "/").withPayload(ContentFormat.SENML_JSON.code(), paths)
        .withAccept(ContentFormat.TLV.code()))).isInstanceOf(NotAcceptableException.class);
  }

  private byte[] composite(Map<LwM2mPath, LwM2mNode> values) {
    return codecs.composite(ContentFormat.SENML_JSON).orElseThrow().encodeNodes(values, tree);
  }

  @Test
  void ipatchWritesSeveralResources() {
    Map<LwM2mPath, LwM2mNode> values = new LinkedHashMap<>();
    values.put(path("/1/0/1"), SingleResource.of(1, Value.ofInteger(300)));
    values.put(path("/3/0/14"), SingleResource.of(14, Value.of("+02:00")));

    CoapResponse response = handle(request(CoapMethod.IPATCH, "/").withPayload(ContentFormat.SENML_JSON.code(), composite(values)));

    assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(tree.dmView().read(path("/1/0/1"))).isEqualTo(SingleResource.of(1, Value.ofInteger(300)));
    assertThat(tree.dmView().read(path("/3/0/14"))).isEqualTo(SingleResource.of(14, Value.of("+02:00")));
  }

  @Test
  void ipatchWithANonWritableTargetWritesNothing() {
    Map<LwM2mPath, LwM2mNode> values = new LinkedHashMap<>();
    values.put(path("/1/0/1"), SingleResource.of(1, Value.ofInteger(300)));
    values.put(path("/3/0/0"), SingleResource.of(0, Value.of("Someone else")));

    assertThatThrownBy(() -> handle(request(CoapMethod.IPATCH, "/").withPayload(ContentFormat.SENML_JSON.code(), composite(values))))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThat(tree.dmView().read(path("/1/0/1"))).isEqualTo(SingleResource.of(1, Value.ofInteger(86400)));
  }

  @Test
  void ipatchWithAMissingInstanceWritesNothing() {
    Map<LwM2mPath, LwM2mNode> values = new LinkedHashMap<>();
    values.put(path("/1/0/1"), SingleResource.of(1, Value.ofInteger(300)));
    values.put(path("/1/4/1"), SingleResource.of(1, Value.ofInteger(300)));

    assertThatThrownBy(() -> handle(request(CoapMethod.IPATCH, "/").withPayload(ContentFormat.SENML_JSON.code(), composite(values))))
        .isInstanceOf(NotFoundException.class);
    assertThat(tree.dmView().read(path("/1/0/1"))).isEqualTo(SingleResource.of(1, Value.ofInteger(86400)));
  }

  // ---- Observe -------------------------------------------------------------------------------

  @Test
  void observeAnswersWithTheValueAndNotifiesLaterChanges() {
    RecordingObserveRelation relation = new RecordingObserveRelation(SERVER);
    CoapRequest request = request(CoapMethod.GET, "/3303/0/5700").withObserve(0, new byte[] {1, 2, 3, 4});

    CoapResponse first = handler.observe(request, relation).join();

    assertThat(first.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(decode(first, "/3303/0/5700")).isEqualTo(SingleResource.of(5700, Value.ofFloat(20.0)));
    assertThat(observations.size()).isEqualTo(1);
    assertThat(observations.isObserved(1, path("/3303/0/5700"))).isTrue();

    temperature.set(5700, Value.ofFloat(25.0));

    RecordingObserveRelation.Notification notification = relation.nextNow();
    assertThat(notification).isNotNull();
    assertThat(decode(notification.response(), "/3303/0/5700")).isEqualTo(SingleResource.of(5700, Value.ofFloat(25.0)));
    assertThat(notification.response().contentFormat()).isEqualTo(first.contentFormat());
  }

  @Test
  void observeWithAttributesInTheQueryUsesThem() {
    RecordingObserveRelation relation = new RecordingObserveRelation(SERVER);
    CoapRequest request = request(CoapMethod.GET, "/3303/0/5700").withQuery(List.of("st=10"))
        .withObserve(0, new byte[] {5});

    handler.observe(request, relation).join();
    temperature.set(5700, Value.ofFloat(25.0));
    assertThat(relation.nextNow()).as("moved less than st").isNull();

    temperature.set(5700, Value.ofFloat(31.0));
    assertThat(relation.nextNow()).isNotNull();
  }

  @Test
  void observeWithInvalidAttributesIsABadRequestAndStartsNothing() {
    RecordingObserveRelation relation = new RecordingObserveRelation(SERVER);
    CoapRequest request = request(CoapMethod.GET, "/3303/0").withQuery(List.of("gt=5")).withObserve(0, new byte[] {6});

    assertThatThrownBy(() -> handler.observe(request, relation)).isInstanceOf(InvalidRequestException.class);
    assertThat(observations.size()).isZero();
  }

  @Test
  void observeCompositeNotifiesAllPathsWhenOneChanges() {
    RecordingObserveRelation relation = new RecordingObserveRelation(SERVER);
    byte[] paths = codecs.composite(ContentFormat.SENML_JSON).orElseThrow()
        .encodePaths(List.of(path("/3303/0/5700"), path("/3/0/9")));
    CoapRequest request = request(CoapMethod.FETCH, "/").withPayload(ContentFormat.SENML_JSON.code(), paths)
        .withObserve(0, new byte[] {7});

    CoapResponse first = handler.observe(request, relation).join();
    assertThat(first.code()).isEqualTo(ResponseCode.CONTENT);

    device.set(9, Value.ofInteger(80));

    RecordingObserveRelation.Notification notification = relation.nextNow();
    assertThat(notification).isNotNull();
    Map<LwM2mPath, LwM2mNode> values = codecs.composite(ContentFormat.SENML_JSON).orElseThrow()
        .decodeNodes(notification.response().payload(), List.of(), tree);
    assertThat(values).containsOnly(
        Map.entry(path("/3303/0/5700"), SingleResource.of(5700, Value.ofFloat(20.0))),
        Map.entry(path("/3/0/9"), SingleResource.of(9, Value.ofInteger(80))));
  }
}
