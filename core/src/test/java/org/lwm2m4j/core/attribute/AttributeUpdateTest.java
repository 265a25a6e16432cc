package org.lwm2m4j.core.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.ResponseCode;

class AttributeUpdateTest {
  @Test
  void parsesEveryNotificationAttribute() {
    AttributeUpdate update = AttributeUpdate.parseQuery(List.of(
        "pmin=10", "pmax=60", "gt=50", "lt=42.2", "st=0.5", "epmin=1", "epmax=30", "edge=1", "con=0", "hqmax=8"));

    NotificationAttributes set = update.set();
    assertThat(set.pmin()).hasValue(10);
    assertThat(set.pmax()).hasValue(60);
    assertThat(set.gt()).hasValue(50.0);
    assertThat(set.lt()).hasValue(42.2);
    assertThat(set.st()).hasValue(0.5);
    assertThat(set.epmin()).hasValue(1);
    assertThat(set.epmax()).hasValue(30);
    assertThat(set.edge()).contains(true);
    assertThat(set.con()).contains(false);
    assertThat(set.hqmax()).hasValue(8);
    assertThat(update.unset()).isEmpty();
  }

  @Test
  void transportSpecExampleSetsGreaterThanAndStep() {
    // PUT /3/0/9?gt=45&st=10
    AttributeUpdate update = AttributeUpdate.parseQuery(List.of("gt=45", "st=10"));
    assertThat(update.set()).isEqualTo(NotificationAttributes.NONE.withGt(45).withSt(10));
  }

  @Test
  void negativeThresholdsAreAccepted() {
    AttributeUpdate update = AttributeUpdate.parseQuery(List.of("gt=-3.5", "lt=-10"));
    assertThat(update.set().gt()).hasValue(-3.5);
    assertThat(update.set().lt()).hasValue(-10.0);
  }

  @Test
  void bareNameOrEmptyValueUnsetsTheAttribute() {
    AttributeUpdate update = AttributeUpdate.parseQuery(List.of("pmax", "gt=", "pmin=5"));
    assertThat(update.unset()).containsExactly(NotificationAttribute.PMAX, NotificationAttribute.GT);
    assertThat(update.set()).isEqualTo(NotificationAttributes.NONE.withPmin(5));
  }

  @Test
  void anEmptyQueryIsAnEmptyUpdate() {
    assertThat(AttributeUpdate.parseQuery(List.of()).isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dim=3", "ver=1.1", "ssid=1", "uri=coap://x", "lwm2m=1.1", "dim"})
  void propertiesAttributesAreReadOnly(String parameter) {
    String name = parameter.split("=")[0];
    assertThatThrownBy(() -> AttributeUpdate.parseQuery(List.of("pmin=1", parameter)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("read-only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo=1", "PMIN=1", "", "=5", "pmin =1"})
  void unknownAttributesAreRejected(String parameter) {
    assertThatThrownBy(() -> AttributeUpdate.parseQuery(List.of(parameter)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown attribute");
  }

  @ParameterizedTest
  @CsvSource({
      "pmin=abc, pmin", "pmin=-5, pmin", "pmin=1.5, pmin", "pmin=+1, pmin", "pmin= 1, pmin",
      "pmin=99999999999999999999, pmin", "pmax=1e3, pmax", "epmin=x, epmin", "epmax=-1, epmax", "hqmax=-1, hqmax",
      "gt=1e3, gt", "gt=abc, gt", "gt=1., gt", "gt=.5, gt", "gt=--1, gt", "gt=+1, gt", "gt=NaN, gt",
      "lt=Infinity, lt", "lt=1;5, lt", "st=-1, st", "st=-0.5, st", "edge=2, edge", "edge=true, edge",
      "con=yes, con", "con=01, con"})
  void malformedValuesAreRejectedNamingTheParameter(String parameter, String name) {
    assertThatThrownBy(() -> AttributeUpdate.parseQuery(List.of(parameter)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("attribute '" + name + "'")
        .satisfies(e -> assertThat(((InvalidRequestException) e).code()).isEqualTo(ResponseCode.BAD_REQUEST));
  }

  @Test
  void anOverlyLargeDecimalIsRejected() {
    String huge = "9".repeat(400);
    assertThatThrownBy(() -> AttributeUpdate.parseQuery(List.of("gt=" + huge)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'gt'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pmin=1,pmin=2", "pmin=1,pmin", "pmin,pmin="})
  void repeatedAttributesAreRejected(String query) {
    assertThatThrownBy(() -> AttributeUpdate.parseQuery(List.of(query.split(","))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'pmin' appears more than once");
  }

  @Test
  void toQueryWritesSetAndUnsetAttributesInSpecOrder() {
    AttributeUpdate update = new AttributeUpdate(
        NotificationAttributes.NONE.withSt(10).withGt(45).withPmin(10).withEdge(false).withCon(true),
        Set.of(NotificationAttribute.HQMAX, NotificationAttribute.PMAX));
    assertThat(update.toQuery()).containsExactly("pmin=10", "pmax", "gt=45", "st=10", "edge=0", "con=1", "hqmax");
  }

  @Test
  void decimalsAreWrittenWithoutExponentOrTrailingZeros() {
    NotificationAttributes set = NotificationAttributes.NONE.withGt(1e20).withLt(-0.0000001).withSt(2.50);
    assertThat(AttributeUpdate.setting(set).toQuery())
        .containsExactly("gt=100000000000000000000", "lt=-0.0000001", "st=2.5");
  }

  @Test
  void toQueryParsesBackToTheSameUpdate() {
    AttributeUpdate update = new AttributeUpdate(
        NotificationAttributes.NONE.withPmin(0).withPmax(3600).withGt(-3.5).withLt(-42.25).withSt(0.001)
            .withEpmin(2).withEpmax(20).withEdge(true).withCon(false).withHqmax(0),
        Set.of());
    assertThat(AttributeUpdate.parseQuery(update.toQuery())).isEqualTo(update);
    AttributeUpdate unsetting = AttributeUpdate.unsetting(NotificationAttribute.values());
    assertThat(AttributeUpdate.parseQuery(unsetting.toQuery())).isEqualTo(unsetting);
  }

  @Test
  void negativeZeroIsZero() {
    assertThat(AttributeUpdate.parseQuery(List.of("gt=-0")).set())
        .isEqualTo(NotificationAttributes.NONE.withGt(0));
    assertThat(AttributeUpdate.parseQuery(List.of("gt=-0.0")).toQuery()).containsExactly("gt=0");
  }

  @Test
  void applyToOverridesSetAttributesRemovesUnsetOnesAndKeepsTheRest() {
    NotificationAttributes stored = NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50);
    AttributeUpdate update = AttributeUpdate.parseQuery(List.of("pmin=5", "pmax", "lt=20"));

    assertThat(update.applyTo(stored))
        .isEqualTo(NotificationAttributes.NONE.withPmin(5).withGt(50).withLt(20));
  }

  @Test
  void unsettingAnAbsentAttributeChangesNothing() {
    NotificationAttributes stored = NotificationAttributes.NONE.withPmin(10);
    assertThat(AttributeUpdate.unsetting(NotificationAttribute.ST).applyTo(stored)).isEqualTo(stored);
  }

  @Test
  void anAttributeCannotBeBothSetAndUnset() {
    assertThatThrownBy(() -> new AttributeUpdate(
        NotificationAttributes.NONE.withPmin(1), Set.of(NotificationAttribute.PMIN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pmin");
  }
}
