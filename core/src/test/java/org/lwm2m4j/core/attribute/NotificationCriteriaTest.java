package org.lwm2m4j.core.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.value.Value;

class NotificationCriteriaTest {
  private static final long T0 = 1_000_000L;

  private static NotificationCriteria criteria(ThresholdCrossing crossing, String... query) {
    return NotificationCriteria.of(AttributeUpdate.parseQuery(List.of(query)).set(), crossing);
  }

  private static boolean fires(NotificationCriteria criteria, double old, double current) {
    return criteria.isNotifiableChange(Optional.of(Value.ofFloat(old)), Value.ofFloat(current));
  }

  // Transport spec examples, PUT /3/0/9?gt=45&st=10 (battery level)
  @ParameterizedTest
  @CsvSource({
      "45, 50, true, true",
      "38, 49, true, true",
      "48, 42, true, false",
      "50, 40, true, true",
      "20, 35, true, true",
      "40, 44, false, false"})
  void specExampleGreaterThanAndStep(long old, long current, boolean bidirectional, boolean directional) {
    NotificationCriteria both = criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=45", "st=10");
    NotificationCriteria rising = criteria(ThresholdCrossing.DIRECTIONAL, "gt=45", "st=10");
    assertThat(both.isNotifiableChange(Optional.of(Value.ofInteger(old)), Value.ofInteger(current)))
        .isEqualTo(bidirectional);
    assertThat(rising.isNotifiableChange(Optional.of(Value.ofInteger(old)), Value.ofInteger(current)))
        .isEqualTo(directional);
  }

  @ParameterizedTest
  @CsvSource({"45, 50, true", "38, 49, true", "48, 42, true", "50, 40, true", "20, 35, false"})
  void specExampleGreaterThanAloneCrossesInBothDirections(double old, double current, boolean expected) {
    assertThat(fires(criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=45"), old, current)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"45, 50, true", "38, 49, true", "48, 42, false", "50, 40, false", "20, 35, false"})
  void specExampleGreaterThanAloneOnlyRisingWhenDirectional(double old, double current, boolean expected) {
    assertThat(fires(criteria(ThresholdCrossing.DIRECTIONAL, "gt=45"), old, current)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"45, 50, false", "38, 49, true", "48, 42, false", "50, 40, true", "20, 35, true", "20, 30, true"})
  void specExampleStepAloneMeasuresFromTheLastNotifiedValue(double old, double current, boolean expected) {
    assertThat(fires(criteria(ThresholdCrossing.BIDIRECTIONAL, "st=10"), old, current)).isEqualTo(expected);
  }

  // Transport spec examples, PUT /3/0/9?lt=20&gt=85&st=10
  @ParameterizedTest
  @CsvSource({
      "75, 90, true, true",
      "50, 10, true, true",
      "87, 99, true, true",
      "17, 24, true, false",
      "50, 55, false, false",
      "90, 84, true, false"})
  void specExampleLessThanGreaterThanAndStep(double old, double current, boolean bidirectional, boolean directional) {
    assertThat(fires(criteria(ThresholdCrossing.BIDIRECTIONAL, "lt=20", "gt=85", "st=10"), old, current))
        .isEqualTo(bidirectional);
    assertThat(fires(criteria(ThresholdCrossing.DIRECTIONAL, "lt=20", "gt=85", "st=10"), old, current))
        .isEqualTo(directional);
  }

  @ParameterizedTest
  @CsvSource({"25, 15, true, true", "15, 25, true, false", "20, 19, true, true", "19, 20, true, false",
      "10, 5, false, false"})
  void lessThanCrossings(double old, double current, boolean bidirectional, boolean directional) {
    assertThat(fires(criteria(ThresholdCrossing.BIDIRECTIONAL, "lt=20"), old, current)).isEqualTo(bidirectional);
    assertThat(fires(criteria(ThresholdCrossing.DIRECTIONAL, "lt=20"), old, current)).isEqualTo(directional);
  }

  @Test
  void reachingTheGreaterThanThresholdIsNotCrossingIt() {
    NotificationCriteria gt = criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=45");
    assertThat(fires(gt, 40, 45)).isFalse();
    assertThat(fires(gt, 45, 45.5)).isTrue();
  }

  @Test
  void negativeThresholdsWork() {
    NotificationCriteria frost = criteria(ThresholdCrossing.BIDIRECTIONAL, "lt=-3.5");
    assertThat(fires(frost, -1, -4)).isTrue();
    assertThat(fires(frost, -4, -5)).isFalse();
  }

  @Test
  void thresholdsCompareIntegerAndUnsignedValues() {
    NotificationCriteria gt = criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=100");
    assertThat(gt.isNotifiableChange(Optional.of(Value.ofUnsigned(99)), Value.ofUnsigned(101))).isTrue();
    assertThat(gt.isNotifiableChange(Optional.of(Value.ofUnsigned(-1L)), Value.ofUnsigned(-2L))).isFalse();
    assertThat(gt.isNotifiableChange(Optional.of(Value.ofUnsigned(50)), Value.ofUnsigned(-1L))).isTrue();
    assertThat(gt.isNotifiableChange(Optional.of(Value.ofInteger(-7)), Value.ofInteger(100))).isFalse();
  }

  @Test
  void withoutConditionsAnyChangeOfAnyTypeNotifies() {
    NotificationCriteria any = NotificationCriteria.of(NotificationAttributes.NONE.withPmin(1).withPmax(10));
    assertThat(any.isNotifiableChange(Optional.of(Value.ofInteger(1)), Value.ofInteger(2))).isTrue();
    assertThat(any.isNotifiableChange(Optional.of(Value.ofInteger(1)), Value.ofInteger(1))).isFalse();
    assertThat(any.isNotifiableChange(Optional.of(Value.ofFloat(1.5)), Value.ofFloat(1.5))).isFalse();
    assertThat(any.isNotifiableChange(Optional.of(Value.of("a")), Value.of("b"))).isTrue();
    assertThat(any.isNotifiableChange(Optional.of(Value.of("a")), Value.of("a"))).isFalse();
    assertThat(any.isNotifiableChange(Optional.of(Value.of(new byte[] {1})), Value.of(new byte[] {1}))).isFalse();
    assertThat(any.isNotifiableChange(Optional.of(Value.of(new byte[] {1})), Value.of(new byte[] {2}))).isTrue();
    assertThat(any.isNotifiableChange(Optional.of(Value.ofObjlnk(3, 0)), Value.ofObjlnk(3, 1))).isTrue();
    assertThat(any.isNotifiableChange(Optional.of(Value.of(true)), Value.of(false))).isTrue();
    assertThat(any.isNotifiableChange(Optional.of(Value.of(true)), Value.of(true))).isFalse();
  }

  @Test
  void nonNumericValuesOnlyCompareForChangeEvenWithThresholds() {
    NotificationCriteria gt = criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=45", "st=10");
    assertThat(gt.isNotifiableChange(Optional.of(Value.of("a")), Value.of("b"))).isTrue();
    assertThat(gt.isNotifiableChange(Optional.of(Value.of("a")), Value.of("a"))).isFalse();
    // Time is not a threshold type
    assertThat(gt.isNotifiableChange(Optional.of(Value.ofTime(100)), Value.ofTime(101))).isTrue();
  }

  @Test
  void thresholdsReplaceAnyChange() {
    NotificationCriteria st = criteria(ThresholdCrossing.BIDIRECTIONAL, "st=10");
    assertThat(fires(st, 20, 21)).isFalse();
  }

  @Test
  void risingEdgeNotifiesOnlyFalseToTrue() {
    NotificationCriteria rising = criteria(ThresholdCrossing.BIDIRECTIONAL, "edge=1");
    assertThat(rising.isNotifiableChange(Optional.of(Value.of(false)), Value.of(true))).isTrue();
    assertThat(rising.isNotifiableChange(Optional.of(Value.of(true)), Value.of(false))).isFalse();
    assertThat(rising.isNotifiableChange(Optional.of(Value.of(true)), Value.of(true))).isFalse();
    assertThat(rising.isNotifiableChange(Optional.of(Value.of(false)), Value.of(false))).isFalse();
  }

  @Test
  void fallingEdgeNotifiesOnlyTrueToFalse() {
    NotificationCriteria falling = criteria(ThresholdCrossing.BIDIRECTIONAL, "edge=0");
    assertThat(falling.isNotifiableChange(Optional.of(Value.of(true)), Value.of(false))).isTrue();
    assertThat(falling.isNotifiableChange(Optional.of(Value.of(false)), Value.of(true))).isFalse();
  }

  @Test
  void withoutALastNotifiedValueAnyValueIsNews() {
    NotificationCriteria gt = criteria(ThresholdCrossing.BIDIRECTIONAL, "gt=45");
    assertThat(gt.isNotifiableChange(Optional.empty(), Value.ofInteger(1))).isTrue();
  }

  @Test
  void aQualifyingChangeAfterPminIsSentNow() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=10");
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(2), T0 + 10_000))
        .isEqualTo(new NotifyDecision.SendNow());
  }

  @Test
  void aQualifyingChangeBeforePminIsDeferredUntilPminExpires() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=10");
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(2), T0 + 3_000))
        .isEqualTo(new NotifyDecision.SendAt(T0 + 10_000));
    assertThat(criteria.earliestNotificationAt(T0)).isEqualTo(T0 + 10_000);
  }

  @Test
  void withoutPminAQualifyingChangeIsSentAtOnce() {
    NotificationCriteria criteria = NotificationCriteria.of(NotificationAttributes.NONE);
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(2), T0))
        .isEqualTo(new NotifyDecision.SendNow());
  }

  @Test
  void anUnqualifiedChangeWaitsForPmax() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=10", "pmax=60", "st=5");
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(2), T0 + 20_000))
        .isEqualTo(new NotifyDecision.Wait(OptionalLong.of(T0 + 60_000)));
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(1), T0 + 20_000))
        .isEqualTo(new NotifyDecision.Wait(OptionalLong.of(T0 + 60_000)));
  }

  @Test
  void pmaxForcesANotificationWithoutAChange() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmax=60");
    assertThat(criteria.pmaxDueAt(T0)).hasValue(T0 + 60_000);
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(1), T0 + 59_999))
        .isEqualTo(new NotifyDecision.Wait(OptionalLong.of(T0 + 60_000)));
    assertThat(criteria.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(1), T0 + 60_000))
        .isEqualTo(new NotifyDecision.SendNow());
  }

  @Test
  void pmaxZeroOrAbsentMeansNoMaximum() {
    assertThat(criteria(ThresholdCrossing.BIDIRECTIONAL, "pmax=0").pmaxDueAt(T0)).isEmpty();
    assertThat(criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=5").pmaxDueAt(T0)).isEmpty();
    assertThat(criteria(ThresholdCrossing.BIDIRECTIONAL, "pmax=0")
        .decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(1), Long.MAX_VALUE))
        .isEqualTo(new NotifyDecision.Wait(OptionalLong.empty()));
  }

  @Test
  void pmaxBelowPminIsIgnored() {
    assertThat(criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=60", "pmax=10").pmaxDueAt(T0)).isEmpty();
  }

  @Test
  void pmaxEqualToPminReportsPeriodically() {
    NotificationCriteria periodic = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=30", "pmax=30");
    assertThat(periodic.pmaxDueAt(T0)).hasValue(T0 + 30_000);
    assertThat(periodic.decide(Optional.of(Value.ofInteger(1)), T0, Value.ofInteger(2), T0 + 1_000))
        .isEqualTo(new NotifyDecision.SendAt(T0 + 30_000));
  }

  @Test
  void serverDefaultsDriveTheTiming() {
    NotificationAttributes effective = NotificationAttributes.effective(NotificationAttributes.NONE,
        NotificationAttributes.NONE, NotificationAttributes.NONE, NotificationAttributes.NONE,
        new ServerDefaults(OptionalLong.of(5), OptionalLong.of(300), Optional.empty()));
    NotificationCriteria criteria = NotificationCriteria.of(effective);
    assertThat(criteria.earliestNotificationAt(T0)).isEqualTo(T0 + 5_000);
    assertThat(criteria.pmaxDueAt(T0)).hasValue(T0 + 300_000);
  }

  @Test
  void timingAloneCanBeDecidedForWholeObjectObservations() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "pmin=2", "pmax=20");
    assertThat(criteria.decide(true, T0, T0 + 1_000)).isEqualTo(new NotifyDecision.SendAt(T0 + 2_000));
    assertThat(criteria.decide(true, T0, T0 + 2_000)).isEqualTo(new NotifyDecision.SendNow());
    assertThat(criteria.decide(false, T0, T0 + 2_000)).isEqualTo(new NotifyDecision.Wait(OptionalLong.of(T0 + 20_000)));
    assertThat(criteria.decide(false, T0, T0 + 20_000)).isEqualTo(new NotifyDecision.SendNow());
  }

  @Test
  void evaluationPeriodsLimitAndForceSampling() {
    NotificationCriteria criteria = criteria(ThresholdCrossing.BIDIRECTIONAL, "epmin=2", "epmax=30");
    assertThat(criteria.mayEvaluate(T0, T0 + 1_999)).isFalse();
    assertThat(criteria.mayEvaluate(T0, T0 + 2_000)).isTrue();
    assertThat(criteria.evaluationDueAt(T0)).hasValue(T0 + 30_000);

    NotificationCriteria unbounded = NotificationCriteria.of(NotificationAttributes.NONE);
    assertThat(unbounded.mayEvaluate(T0, T0)).isTrue();
    assertThat(unbounded.evaluationDueAt(T0)).isEmpty();
  }

  @Test
  void hugePeriodsSaturateInsteadOfOverflowing() {
    NotificationCriteria criteria = NotificationCriteria.of(
        NotificationAttributes.NONE.withPmin(Long.MAX_VALUE / 10).withPmax(Long.MAX_VALUE));
    assertThat(criteria.earliestNotificationAt(T0)).isEqualTo(Long.MAX_VALUE);
    assertThat(criteria.pmaxDueAt(T0)).hasValue(Long.MAX_VALUE);
    assertThat(criteria.decide(true, T0, T0 + 1)).isEqualTo(new NotifyDecision.SendAt(Long.MAX_VALUE));
  }

  @Test
  void bidirectionalIsTheDefaultReading() {
    assertThat(NotificationCriteria.of(NotificationAttributes.NONE).crossing()).isEqualTo(ThresholdCrossing.BIDIRECTIONAL);
  }
}
