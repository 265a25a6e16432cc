package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.client.object.standard.RecordingListener.path;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.Value;

class ConnectivityStatisticsInstanceTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC);
  private final ConnectivityStatisticsInstance statistics = new ConnectivityStatisticsInstance(clock);
  private final RecordingListener listener = new RecordingListener();
  private final ObjectTree tree = new ObjectTree();

  @BeforeEach
  void setUp() {
    StandardObjects.addConnectivityStatistics(tree, ObjectModelRegistry.bundled(), statistics);
    tree.addListener(listener);
  }

  /** Resources 0..5 as read through the tree. */
  private List<Long> counters() {
    LwM2mObjectInstance instance = (LwM2mObjectInstance) tree.dmView().read(LwM2mPath.parse("/7/0"));
    return instance.resources().stream().filter(r -> r.id() <= 5)
        .map(r -> ((IntegerValue) ((SingleResource) r).value()).value()).toList();
  }

  private void execute(String path) {
    tree.dmView().execute(LwM2mPath.parse(path), "");
  }

  @Test
  void nothingIsCountedBeforeStart() {
    statistics.recordTx(1200);
    statistics.recordSmsRx();

    assertThat(statistics.isCollecting()).isFalse();
    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(listener.drain()).isEmpty();
  }

  @Test
  void startCollectsDataInKilobytesAndMessageSizesInBytes() {
    execute("/7/0/6");
    statistics.recordTx(1500);
    statistics.recordRx(500);
    statistics.recordTx(2600);
    statistics.recordSmsTx();
    statistics.recordSmsRx();
    statistics.recordSmsRx();

    // Tx 4100 B = 4 kB, Rx 500 B = 0 kB, max 2600 B, average 4600 / 3 = 1533 B.
    assertThat(counters()).containsExactly(1L, 2L, 4L, 0L, 2600L, 1533L);
  }

  @Test
  void eachRecordReportsTheCountersItChanged() {
    execute("/7/0/6");

    statistics.recordTx(1500);
    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/7/0/2"), path("/7/0/4"), path("/7/0/5"));

    statistics.recordRx(100);
    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/7/0/5"));

    statistics.recordSmsTx();
    assertThat(listener.drain()).containsExactly(path("/7/0/0"));
  }

  @Test
  void stopKeepsTheCountersAndStartZeroesThem() {
    execute("/7/0/6");
    statistics.recordTx(3000);
    execute("/7/0/7");
    statistics.recordTx(3000);

    assertThat(counters()).containsExactly(0L, 0L, 3L, 0L, 3000L, 3000L);
    listener.drain();

    execute("/7/0/6");

    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(listener.drain()).containsExactlyInAnyOrder(path("/7/0/2"), path("/7/0/4"), path("/7/0/5"));
  }

  @Test
  void collectionEndsByItselfAfterTheCollectionPeriod() {
    tree.dmView().write(LwM2mPath.parse("/7/0/8"), SingleResource.of(8, Value.ofInteger(60)), true);
    execute("/7/0/6");
    clock.advance(Duration.ofSeconds(59));
    statistics.recordRx(2000);
    clock.advance(Duration.ofSeconds(1));
    statistics.recordRx(2000);

    assertThat(statistics.isCollecting()).isFalse();
    assertThat(counters()).containsExactly(0L, 0L, 0L, 2L, 2000L, 2000L);
    assertThat(((SingleResource) tree.dmView().read(LwM2mPath.parse("/7/0/8"))).value()).isEqualTo(Value.ofInteger(60));
  }

  @Test
  void zeroCollectionPeriodCollectsUntilStop() {
    execute("/7/0/6");
    clock.advance(Duration.ofDays(30));
    statistics.recordTx(10);

    assertThat(statistics.isCollecting()).isTrue();
    assertThat(counters().get(4)).isEqualTo(10L);
  }

  @Test
  void negativeCollectionPeriodIsABadRequest() {
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/7/0/8"), SingleResource.of(8, Value.ofInteger(-1)), true))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void serversCannotWriteCountersOrReadActions() {
    assertThatThrownBy(() -> tree.dmView().write(LwM2mPath.parse("/7/0/2"), SingleResource.of(2, Value.ofInteger(0)), true))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> tree.dmView().read(LwM2mPath.parse("/7/0/6"))).isInstanceOf(MethodNotAllowedException.class);
    LwM2mObjectInstance instance = (LwM2mObjectInstance) tree.dmView().read(LwM2mPath.parse("/7/0"));
    assertThat(instance.resources()).extracting(LwM2mResource::id).containsExactly(0, 1, 2, 3, 4, 5, 8);
  }
}
