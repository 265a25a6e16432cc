package org.lwm2m4j.client.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.observe.RecordingObserveRelation.Notification;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;

/**
 * Observations of a temperature sensor ({@code /3303/0/5700}) on virtual time: the tracker's
 * timers run only when a test advances the scheduler, so each test checks the instant a
 * notification goes out, to the millisecond, without waiting.
 */
class ObservationTrackerTest {
  private static final int SSID = 1;
  private static final int SENSOR_VALUE = 5700;
  private static final int UNITS = 5701;
  private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0, SENSOR_VALUE);
  private static final Duration JUST_BEFORE_A_SECOND = Duration.ofMillis(999);
  private static final Duration ONE_MILLI = Duration.ofMillis(1);

  private final ObjectModel model = ObjectModelRegistry.bundled().objectModel(3303).orElseThrow();
  private final ObjectTree tree = new ObjectTree();
  private final AttributeStore attributes = new AttributeStore();
  private final Map<Integer, ServerDefaults> defaults = new ConcurrentHashMap<>();
  private final RecordingObserveRelation relation = new RecordingObserveRelation();
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final StoredInstance sensor = new StoredInstance(0, List.of(
      SingleResource.of(SENSOR_VALUE, Value.ofFloat(20.0)), SingleResource.of(UNITS, Value.of("Cel"))));
  private ObservationTracker tracker;

  @BeforeEach
  void setUp() {
    tree.addObject(model, StoredInstance::new, List.of(sensor));
    tracker = new ObservationTracker(tree, attributes, ssid -> defaults.getOrDefault(ssid, ServerDefaults.NONE), scheduler);
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  private void assign(String path, String... query) {
    LwM2mPath target = LwM2mPath.parse(path);
    attributes.apply(SSID, target, AttributeUpdate.parseQuery(List.of(query)),
        target.depth() >= 3 ? model.resource(target.resourceId()) : Optional.empty());
  }

  private void observe(LwM2mPath path, ContentFormat format) {
    tracker.start(SSID, relation, List.of(path), false, format, Optional.empty());
  }

  private void observeTemperature() {
    observe(TEMPERATURE, ContentFormat.TEXT);
  }

  private void advance(Duration duration) {
    scheduler.advance(duration);
  }

  private void temperature(double celsius) {
    sensor.set(SENSOR_VALUE, Value.ofFloat(celsius));
  }

  private LwM2mNode decode(Notification notification, LwM2mPath path) {
    assertThat(notification).as("a notification").isNotNull();
    assertThat(notification.response().code()).isEqualTo(ResponseCode.CONTENT);
    ContentFormat format = ContentFormat.fromCode(notification.response().contentFormat().orElseThrow()).orElseThrow();
    return NodeCodecs.standard().decode(format, notification.response().payload(), path, tree);
  }

  private Value valueOf(Notification notification) {
    return ((SingleResource) decode(notification, TEMPERATURE)).value();
  }

  @Test
  void withoutAttributesEveryChangeNotifiesAtOnce() {
    observeTemperature();

    temperature(21.0);

    Notification notification = relation.nextNow();
    assertThat(valueOf(notification)).isEqualTo(Value.ofFloat(21.0));
    assertThat(notification.confirmable()).isFalse();
    assertThat(notification.response().contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.TEXT.code()));
  }

  @Test
  void anUnchangedValueDoesNotNotify() {
    observeTemperature();

    temperature(20.0);

    assertThat(relation.pending()).isZero();
  }

  @Test
  void pminDefersAChangeUntilItElapsesAndSendsTheLatestValue() {
    assign("/3303/0/5700", "pmin=1");
    observeTemperature();

    temperature(21.0);
    temperature(22.0);
    advance(JUST_BEFORE_A_SECOND);

    assertThat(relation.nextNow()).as("nothing before pmin").isNull();
    advance(ONE_MILLI);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(22.0));
    assertThat(relation.pending()).as("the two changes make one notification").isZero();
  }

  @Test
  void pminInheritedFromTheObjectLevelDefersToo() {
    assign("/3303", "pmin=1");
    observeTemperature();

    temperature(23.0);
    advance(JUST_BEFORE_A_SECOND);

    assertThat(relation.nextNow()).isNull();
    advance(ONE_MILLI);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(23.0));
  }

  @Test
  void aChangeAfterPminHasPassedNotifiesAtOnce() {
    assign("/3303/0/5700", "pmin=10");
    observeTemperature();
    advance(Duration.ofSeconds(10));

    temperature(21.0);

    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(21.0));
  }

  @Test
  void pmaxForcesNotificationsWithoutAnyChange() {
    assign("/3303/0/5700", "pmax=1");
    observeTemperature();

    advance(JUST_BEFORE_A_SECOND);
    assertThat(relation.nextNow()).as("nothing before pmax").isNull();
    advance(ONE_MILLI);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(20.0));
    advance(Duration.ofSeconds(1));
    assertThat(valueOf(relation.nextNow())).as("pmax restarts after each notification").isEqualTo(Value.ofFloat(20.0));
  }

  @Test
  void pmaxCountsFromTheLastNotification() {
    assign("/3303/0/5700", "pmax=10");
    observeTemperature();
    advance(Duration.ofSeconds(6));
    temperature(21.0);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(21.0));

    advance(Duration.ofSeconds(9));
    assertThat(relation.nextNow()).as("10 s after the start, but only 9 s after the change").isNull();
    advance(Duration.ofSeconds(1));
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(21.0));
  }

  @Test
  void pmaxFromTheServerDefaultsApplies() {
    defaults.put(SSID, new ServerDefaults(OptionalLong.empty(), OptionalLong.of(1), Optional.empty()));
    observeTemperature();

    advance(Duration.ofSeconds(1));
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(20.0));
  }

  @Test
  void anHourWithPmaxOfAMinuteSendsSixtyNotifications() {
    assign("/3303/0/5700", "pmax=60");
    observeTemperature();

    advance(Duration.ofHours(1));

    assertThat(relation.pending()).isEqualTo(60);
  }

  @Test
  void stepSuppressesChangesSmallerThanItsValue() {
    assign("/3303/0/5700", "st=5");
    observeTemperature();

    temperature(22.0);
    assertThat(relation.nextNow()).as("moved 2 from 20").isNull();

    temperature(26.0);
    assertThat(valueOf(relation.nextNow())).as("moved 6 from 20").isEqualTo(Value.ofFloat(26.0));

    temperature(29.0);
    assertThat(relation.nextNow()).as("moved 3 from the last notified 26").isNull();

    temperature(31.0);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(31.0));
  }

  @Test
  void crossingGtOrLtNotifiesAndMovingOnTheSameSideDoesNot() {
    assign("/3303/0/5700", "gt=30", "lt=10");
    observeTemperature();

    temperature(25.0);
    assertThat(relation.nextNow()).isNull();

    temperature(31.0);
    assertThat(valueOf(relation.nextNow())).as("rises above gt").isEqualTo(Value.ofFloat(31.0));

    temperature(35.0);
    assertThat(relation.nextNow()).as("stays above gt").isNull();

    temperature(5.0);
    assertThat(valueOf(relation.nextNow())).as("falls below lt").isEqualTo(Value.ofFloat(5.0));

    temperature(8.0);
    assertThat(relation.nextNow()).as("stays below lt").isNull();

    temperature(12.0);
    assertThat(valueOf(relation.nextNow())).as("rises above lt").isEqualTo(Value.ofFloat(12.0));
  }

  @Test
  void conOneMakesNotificationsConfirmable() {
    assign("/3303", "con=1");
    observeTemperature();

    temperature(21.0);

    assertThat(relation.nextNow().confirmable()).isTrue();
  }

  @Test
  void theDefaultNotificationModeOfTheServerMakesThemConfirmable() {
    defaults.put(SSID, new ServerDefaults(OptionalLong.empty(), OptionalLong.empty(), Optional.of(true)));
    observeTemperature();

    temperature(21.0);

    assertThat(relation.nextNow().confirmable()).isTrue();
  }

  @Test
  void attributesOfTheObserveRequestReplaceTheAssignedOnes() {
    assign("/3303/0/5700", "st=5");
    tracker.start(SSID, relation, List.of(TEMPERATURE), false, ContentFormat.TEXT, Optional.of(NotificationAttributes.NONE.withCon(true)));

    temperature(21.0);

    Notification notification = relation.nextNow();
    assertThat(valueOf(notification)).as("st=5 is ignored").isEqualTo(Value.ofFloat(21.0));
    assertThat(notification.confirmable()).isTrue();
  }

  @Test
  void attributesWrittenDuringAnObservationApplyToIt() {
    observeTemperature();
    advance(Duration.ofSeconds(5));

    assign("/3303/0/5700", "pmax=1");
    tracker.attributesChanged(SSID);

    assertThat(valueOf(relation.nextNow())).as("pmax=1 has long passed").isEqualTo(Value.ofFloat(20.0));
  }

  @Test
  void epminDefersTheEvaluationOfAChange() {
    assign("/3303/0/5700", "epmin=1");
    observeTemperature();

    temperature(24.0);
    advance(JUST_BEFORE_A_SECOND);

    assertThat(relation.nextNow()).isNull();
    advance(ONE_MILLI);
    assertThat(valueOf(relation.nextNow())).isEqualTo(Value.ofFloat(24.0));
  }

  @Test
  void epmaxSamplesAValueThatChangedSilently() {
    LiveSensor live = new LiveSensor(1, 20.0);
    ObjectTree liveTree = new ObjectTree();
    liveTree.addObject(model, StoredInstance::new, List.of(live));
    try (ObservationTracker liveTracker = new ObservationTracker(liveTree, attributes, ssid -> ServerDefaults.NONE, scheduler)) {
      assign("/3303/1/5700", "epmax=1");
      liveTracker.start(SSID, relation, List.of(LwM2mPath.of(3303, 1, SENSOR_VALUE)), false, ContentFormat.TEXT, Optional.empty());

      live.value = 27.0; // no change event: only a periodic evaluation can see it
      advance(JUST_BEFORE_A_SECOND);
      assertThat(relation.nextNow()).as("not evaluated before epmax").isNull();
      advance(ONE_MILLI);

      Notification notification = relation.nextNow();
      assertThat(notification).isNotNull();
      LwM2mNode node = NodeCodecs.standard().decode(ContentFormat.TEXT, notification.response().payload(),
          LwM2mPath.of(3303, 1, SENSOR_VALUE), liveTree);
      assertThat(((SingleResource) node).value()).isEqualTo(Value.ofFloat(27.0));
    }
  }

  /** A sensor whose value changes without telling anyone, like a register read on demand. */
  private static final class LiveSensor extends StoredInstance {
    volatile double value;

    LiveSensor(int id, double initial) {
      super(id, List.of(SingleResource.of(SENSOR_VALUE, Value.ofFloat(initial))));
      this.value = initial;
    }

    @Override
    public Optional<LwM2mResource> resource(int resourceId) {
      return resourceId == SENSOR_VALUE ? Optional.of(SingleResource.of(SENSOR_VALUE, Value.ofFloat(value))) : super.resource(resourceId);
    }
  }

  @Test
  void anInstanceObservationNotifiesOnAChangeOfAnyResource() {
    LwM2mPath instance = LwM2mPath.of(3303, 0);
    observe(instance, ContentFormat.SENML_JSON);

    sensor.set(UNITS, Value.of("K"));

    Notification notification = relation.nextNow();
    LwM2mObjectInstance node = (LwM2mObjectInstance) decode(notification, instance);
    assertThat(node.resource(UNITS)).contains(SingleResource.of(UNITS, Value.of("K")));
    assertThat(notification.response().contentFormat()).isEqualTo(OptionalInt.of(ContentFormat.SENML_JSON.code()));
  }

  @Test
  void aChangeElsewhereDoesNotNotify() {
    observeTemperature();

    sensor.set(UNITS, Value.of("K"));

    assertThat(relation.pending()).isZero();
  }

  @Test
  void deletingTheObservedInstanceSendsNotFound() {
    observeTemperature();

    tree.dmView().delete(LwM2mPath.of(3303, 0));

    Notification notification = relation.nextNow();
    assertThat(notification).isNotNull();
    assertThat(notification.response().code()).isEqualTo(ResponseCode.NOT_FOUND);
  }

  @Test
  void cancellingTheRelationStopsTracking() {
    observeTemperature();
    assertThat(tracker.size()).isEqualTo(1);
    assertThat(tracker.isObserved(SSID, TEMPERATURE)).isTrue();
    assertThat(tracker.isObserved(2, TEMPERATURE)).isFalse();

    relation.cancel();
    temperature(30.0);

    assertThat(tracker.size()).isZero();
    assertThat(tracker.isObserved(SSID, TEMPERATURE)).isFalse();
    assertThat(relation.pending()).isZero();
  }

  @Test
  void cancellingTheRelationCallsOffItsTimers() {
    assign("/3303/0/5700", "pmax=1");
    observeTemperature();

    relation.cancel();
    advance(Duration.ofSeconds(10));

    assertThat(relation.pending()).isZero();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void aServerThatLostTheReadRightIsToldUnauthorized() {
    tracker.setReadPermission((ssid, path) -> false);
    observeTemperature();

    temperature(21.0);

    Notification notification = relation.nextNow();
    assertThat(notification.response().code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(notification.confirmable()).isTrue();
  }

  @Test
  void closingCallsOffEveryTimer() {
    assign("/3303/0/5700", "pmax=1");
    observeTemperature();

    tracker.close();
    advance(Duration.ofSeconds(10));

    assertThat(relation.pending()).isZero();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void aNewRegisterEndsTheObservationsThatServerHadButNotThoseMadeSinceNorOtherServers() {
    RecordingObserveRelation otherServer = new RecordingObserveRelation();
    tracker.start(2, otherServer, List.of(TEMPERATURE), false, ContentFormat.TEXT, Optional.empty());
    observeTemperature();

    tracker.registering(SSID);
    // the server may observe again as soon as it has the Register, before the client reads the 2.01
    RecordingObserveRelation renewed = new RecordingObserveRelation();
    tracker.start(SSID, renewed, List.of(TEMPERATURE), false, ContentFormat.TEXT, Optional.empty());
    tracker.registered(SSID, "/rd/2");
    temperature(30.0);

    assertThat(relation.isActive()).isFalse();
    assertThat(relation.pending()).as("nothing on the old token").isZero();
    assertThat(valueOf(renewed.nextNow())).isEqualTo(Value.ofFloat(30.0));
    assertThat(valueOf(otherServer.nextNow())).isEqualTo(Value.ofFloat(30.0));
    assertThat(tracker.size()).isEqualTo(2);
  }

  @Test
  void aDeregistrationEndsTheObservationsOfThatServer() {
    observeTemperature();

    tracker.deregistered(SSID);
    temperature(30.0);

    assertThat(relation.isActive()).isFalse();
    assertThat(relation.pending()).isZero();
    assertThat(tracker.size()).isZero();
  }

  @Test
  void closingCancelsEveryRelation() {
    observeTemperature();

    tracker.close();

    assertThat(relation.isActive()).isFalse();
    assertThat(tracker.size()).isZero();
  }
}
