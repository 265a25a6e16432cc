package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.client.object.standard.RecordingListener.path;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.Value;

class ConnectivityMonitoringInstanceTest {
  private final RecordingListener listener = new RecordingListener();
  private final ObjectTree tree = new ObjectTree();
  private final ConnectivityMonitoringInstance connectivity =
      new ConnectivityMonitoringInstance(ConnectivityMonitoringInstance.BEARER_ETHERNET, List.of("192.0.2.10"));

  @BeforeEach
  void setUp() {
    StandardObjects.addConnectivityMonitoring(tree, ObjectModelRegistry.bundled(), connectivity);
    tree.addListener(listener);
  }

  private ResourceValues at(String path) {
    return new ResourceValues((LwM2mResource) tree.dmView().read(LwM2mPath.parse(path)));
  }

  /** Reads a resource's value(s) in one line. */
  private record ResourceValues(LwM2mResource resource) {
    Value single() {
      return ((SingleResource) resource).value();
    }

    List<Value> multiple() {
      return ((MultipleResource) resource).instances().stream().map(LwM2mResourceInstance::value).toList();
    }
  }

  @Test
  void startsAsAWiredEthernetLinkWithTheMandatoryResourcesOnly() {
    LwM2mObjectInstance instance = (LwM2mObjectInstance) tree.dmView().read(LwM2mPath.parse("/4/0"));

    assertThat(instance.resources()).extracting(LwM2mResource::id).containsExactly(0, 1, 2, 4);
    assertThat(at("/4/0/0").single()).isEqualTo(Value.ofInteger(41));
    assertThat(at("/4/0/1").multiple()).containsExactly(Value.ofInteger(41));
    assertThat(at("/4/0/2").single()).isEqualTo(Value.ofInteger(0));
    assertThat(at("/4/0/4").multiple()).containsExactly(Value.of("192.0.2.10"));
  }

  @Test
  void defaultInstanceListsTheHostAddresses() {
    ConnectivityMonitoringInstance host = new ConnectivityMonitoringInstance();

    MultipleResource addresses = (MultipleResource) host.resource(4).orElseThrow();
    assertThat(addresses.type()).isEqualTo(ResourceType.STRING);
    assertThat(addresses.instances()).isNotEmpty()
        .allSatisfy(i -> assertThat(((StringValue) i.value()).value()).isNotBlank().doesNotContain("%"));
  }

  @Test
  void signalStrengthChangeIsReportedOnlyWhenTheValueDiffers() {
    connectivity.setSignalStrength(-87);
    connectivity.setSignalStrength(-87);

    assertThat(at("/4/0/2").single()).isEqualTo(Value.ofInteger(-87));
    assertThat(listener.drain()).containsExactly(path("/4/0/2"));
  }

  @Test
  void switchingToCellularReportsEachChangedResource() {
    connectivity.setNetworkBearer(ConnectivityMonitoringInstance.BEARER_LTE_FDD);
    connectivity.setAvailableNetworkBearers(List.of(6, 21));
    connectivity.setServingNetwork(262, 1);
    connectivity.setCellId(0x1A2B3C4);
    connectivity.setLinkQuality(-11);
    connectivity.setApns(List.of("internet.example"));

    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/4/0/0"), path("/4/0/1"), path("/4/0/9"),
        path("/4/0/10"), path("/4/0/8"), path("/4/0/3"), path("/4/0/7"));
    assertThat(at("/4/0/10").single()).isEqualTo(Value.ofInteger(262));
    assertThat(at("/4/0/9").single()).isEqualTo(Value.ofInteger(1));
    assertThat(at("/4/0/1").multiple()).containsExactly(Value.ofInteger(6), Value.ofInteger(21));
    assertThat(at("/4/0/7").multiple()).containsExactly(Value.of("internet.example"));
  }

  @Test
  void emptyOptionalListRemovesTheResource() {
    connectivity.setRouterIpAddresses(List.of("192.0.2.1"));
    assertThat(at("/4/0/5").multiple()).containsExactly(Value.of("192.0.2.1"));
    listener.drain();

    connectivity.setRouterIpAddresses(List.of());

    assertThatThrownBy(() -> tree.dmView().read(LwM2mPath.parse("/4/0/5"))).isInstanceOf(NotFoundException.class);
    assertThat(listener.drain()).containsExactly(path("/4/0/5"));
  }

  @Test
  void valuesOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> connectivity.setNetworkBearer(51)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connectivity.setLinkUtilization(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connectivity.setServingNetwork(1000, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connectivity.setCoverageEnhancementLevel(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connectivity.setIpAddresses(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(listener.drain()).isEmpty();
  }

  @Test
  void serversCannotWriteConnectivityValues() {
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/4/0/2"), SingleResource.of(2, Value.ofInteger(-50)), true))
        .isInstanceOf(MethodNotAllowedException.class);
  }
}
