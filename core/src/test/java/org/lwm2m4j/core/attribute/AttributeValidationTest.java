package org.lwm2m4j.core.attribute;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Operations;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;

class AttributeValidationTest {
  private static final ResourceModel BATTERY_LEVEL =
      ResourceModel.of(9, "Battery Level", Operations.R, false, false, ResourceType.INTEGER);
  private static final ResourceModel MANUFACTURER =
      ResourceModel.of(0, "Manufacturer", Operations.R, false, false, ResourceType.STRING);
  private static final ResourceModel REBOOT = ResourceModel.of(4, "Reboot", Operations.E, false, true, ResourceType.NONE);
  private static final ResourceModel POWER_SOURCE_VOLTAGE =
      ResourceModel.of(7, "Power Source Voltage", Operations.R, true, false, ResourceType.INTEGER);
  private static final ResourceModel DIGITAL_INPUT_STATE =
      ResourceModel.of(5500, "Digital Input State", Operations.R, false, true, ResourceType.BOOLEAN);
  private static final ResourceModel SENSOR_VALUE =
      ResourceModel.of(5700, "Sensor Value", Operations.R, false, true, ResourceType.FLOAT);
  private static final ResourceModel CURRENT_TIME =
      ResourceModel.of(13, "Current Time", Operations.RW, false, false, ResourceType.TIME);
  private static final ResourceModel COUNTER =
      ResourceModel.of(5, "Counter", Operations.R, false, false, ResourceType.UNSIGNED_INTEGER);

  private static NotificationAttributes query(String... parameters) {
    return AttributeUpdate.parseQuery(List.of(parameters)).set();
  }

  @Test
  void periodsMayBeAssignedAtEveryLevel() {
    NotificationAttributes periods = query("pmin=1", "pmax=10", "epmin=1", "epmax=5", "con=1", "hqmax=4");
    for (String level : List.of("/3", "/3/0", "/3/0/9", "/3/0/7/1")) {
      assertThatCode(() -> periods.validateAt(LwM2mPath.parse(level))).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gt=5", "lt=5", "st=5", "edge=1"})
  void thresholdsAndEdgeAreRejectedOnObjectsAndInstances(String parameter) {
    String name = parameter.substring(0, parameter.indexOf('='));
    for (String level : List.of("/3", "/3/0")) {
      assertThatThrownBy(() -> query("pmin=1", parameter).validateAt(LwM2mPath.parse(level)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("'" + name + "'")
          .hasMessageContaining(level);
    }
  }

  @Test
  void thresholdsAreAcceptedOnResourcesAndResourceInstances() {
    assertThatCode(() -> query("gt=5", "lt=1", "st=1").validateAt(LwM2mPath.parse("/3/0/9")))
        .doesNotThrowAnyException();
    assertThatCode(() -> query("gt=5").validateAt(LwM2mPath.parse("/3/0/7/1"))).doesNotThrowAnyException();
  }

  @Test
  void nothingCanBeAssignedToTheRoot() {
    assertThatThrownBy(() -> query("pmin=1").validateAt(LwM2mPath.ROOT))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'pmin'");
  }

  @Test
  void ltMustBeBelowGt() {
    assertThatThrownBy(() -> query("lt=60", "gt=50").validateAt(LwM2mPath.parse("/3/0/9")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'lt' (60) must be less than 'gt' (50)");
    assertThatThrownBy(() -> query("lt=50", "gt=50").validateAt(LwM2mPath.parse("/3/0/9")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void specExampleTwiceTheStepMustFitBetweenLtAndGt() {
    // ?lt=50&gt=60&st=6: 50 + 12 >= 60
    assertThatThrownBy(() -> query("lt=50", "gt=60", "st=6").validateAt(LwM2mPath.parse("/3/0/9")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'st'");
    // equality is not enough either: 50 + 10 = 60
    assertThatThrownBy(() -> query("lt=50", "gt=60", "st=5").validateAt(LwM2mPath.parse("/3/0/9")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatCode(() -> query("lt=50", "gt=60", "st=4.9").validateAt(LwM2mPath.parse("/3/0/9")))
        .doesNotThrowAnyException();
    assertThatCode(() -> query("lt=20", "gt=85", "st=10").validateAt(LwM2mPath.parse("/3/0/9")))
        .doesNotThrowAnyException();
  }

  @Test
  void aLargeStepAloneOrWithOneThresholdIsValid() {
    assertThatCode(() -> query("gt=60", "st=100").validateAt(LwM2mPath.parse("/3/0/9"))).doesNotThrowAnyException();
    assertThatCode(() -> query("lt=60", "st=100").validateAt(LwM2mPath.parse("/3/0/9"))).doesNotThrowAnyException();
  }

  @Test
  void epminMustBeBelowEpmax() {
    assertThatThrownBy(() -> query("epmin=10", "epmax=10").validateAt(LwM2mPath.parse("/3/0")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'epmin' (10) must be less than 'epmax' (10)");
    assertThatCode(() -> query("epmin=9", "epmax=10").validateAt(LwM2mPath.parse("/3/0"))).doesNotThrowAnyException();
  }

  @Test
  void pmaxBelowPminIsNotARejectionReason() {
    assertThatCode(() -> query("pmin=60", "pmax=10").validateAt(LwM2mPath.parse("/3/0/9"))).doesNotThrowAnyException();
  }

  @Test
  void theMergedSetIsWhatIsChecked() {
    NotificationAttributes stored = query("gt=60");
    NotificationAttributes merged = AttributeUpdate.parseQuery(List.of("lt=70")).applyTo(stored);
    assertThatThrownBy(() -> merged.validateAt(LwM2mPath.parse("/3/0/9"))).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void unsettingNeverFails() {
    NotificationAttributes merged = AttributeUpdate.parseQuery(List.of("gt", "lt", "st", "edge", "pmin"))
        .applyTo(NotificationAttributes.NONE);
    assertThatCode(() -> merged.validateAt(LwM2mPath.parse("/3"))).doesNotThrowAnyException();
    assertThatCode(() -> merged.validateAt(LwM2mPath.parse("/3/0/4"), REBOOT)).doesNotThrowAnyException();
  }

  @Test
  void thresholdsNeedANumericResource() {
    assertThatThrownBy(() -> query("gt=1").validateAt(LwM2mPath.parse("/3/0/0"), MANUFACTURER))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'gt'")
        .hasMessageContaining("String");
    assertThatThrownBy(() -> query("st=1").validateAt(LwM2mPath.parse("/3/0/13"), CURRENT_TIME))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'st'");
    assertThatThrownBy(() -> query("lt=1").validateAt(LwM2mPath.parse("/3200/0/5500"), DIGITAL_INPUT_STATE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'lt'");
    assertThatCode(() -> query("gt=45", "st=10").validateAt(LwM2mPath.parse("/3/0/9"), BATTERY_LEVEL))
        .doesNotThrowAnyException();
    assertThatCode(() -> query("gt=30").validateAt(LwM2mPath.parse("/3303/0/5700"), SENSOR_VALUE))
        .doesNotThrowAnyException();
    assertThatCode(() -> query("lt=3").validateAt(LwM2mPath.parse("/3/0/5"), COUNTER)).doesNotThrowAnyException();
  }

  @Test
  void edgeNeedsABooleanResource() {
    assertThatThrownBy(() -> query("edge=1").validateAt(LwM2mPath.parse("/3/0/9"), BATTERY_LEVEL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'edge'")
        .hasMessageContaining("Integer");
    assertThatCode(() -> query("edge=0").validateAt(LwM2mPath.parse("/3200/0/5500"), DIGITAL_INPUT_STATE))
        .doesNotThrowAnyException();
  }

  @Test
  void notificationAttributesNeedAReadableResource() {
    // PUT /3/0/4?pmin=1, Reboot is executable
    assertThatThrownBy(() -> query("pmin=1").validateAt(LwM2mPath.parse("/3/0/4"), REBOOT))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'pmin'")
        .hasMessageContaining("/3/0/4");
  }

  @Test
  void resourceInstanceLevelNeedsAMultiInstanceResource() {
    // PUT /3/0/9/0?pmin=1, Battery Level is single-instance
    assertThatThrownBy(() -> query("pmin=1").validateAt(LwM2mPath.parse("/3/0/9/0"), BATTERY_LEVEL))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("/3/0/9/0");
    assertThatCode(() -> query("pmin=1", "lt=45").validateAt(LwM2mPath.parse("/3/0/7/1"), POWER_SOURCE_VOLTAGE))
        .doesNotThrowAnyException();
  }

  @Test
  void theResourceModelMustMatchThePath() {
    assertThatThrownBy(() -> query("pmin=1").validateAt(LwM2mPath.parse("/3/0"), BATTERY_LEVEL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> query("pmin=1").validateAt(LwM2mPath.parse("/3/0/8"), BATTERY_LEVEL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
