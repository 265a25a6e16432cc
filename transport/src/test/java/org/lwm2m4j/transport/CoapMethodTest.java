package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

class CoapMethodTest {
  @Test
  void eachMethodHasItsWireCodeFromRfc7252AndRfc8132() {
    for (CoapMethod method : CoapMethod.values()) {
      assertThat(CoAP.Code.valueOf(method.code()).name()).isEqualTo(method.name());
      assertThat(CoapMethod.ofCode(method.code())).contains(method);
    }
    assertThat(CoapMethod.IPATCH.code()).isEqualTo(7);
  }

  @Test
  void codesOutsideTheMethodsAreNoMethod() {
    assertThat(CoapMethod.ofCode(0)).isEmpty();
    assertThat(CoapMethod.ofCode(8)).isEmpty();
    assertThat(CoapMethod.ofCode(69)).isEmpty();
  }
}
