package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;

class ErrorMappingTest {
  @Test
  void lwm2mClientErrorsKeepTheirHttpTwin() {
    assertThat(ErrorMapping.httpStatus(ResponseCode.BAD_REQUEST)).isEqualTo(400);
    assertThat(ErrorMapping.httpStatus(ResponseCode.UNAUTHORIZED)).isEqualTo(401);
    assertThat(ErrorMapping.httpStatus(ResponseCode.FORBIDDEN)).isEqualTo(403);
    assertThat(ErrorMapping.httpStatus(ResponseCode.NOT_FOUND)).isEqualTo(404);
    assertThat(ErrorMapping.httpStatus(ResponseCode.METHOD_NOT_ALLOWED)).isEqualTo(405);
    assertThat(ErrorMapping.httpStatus(ResponseCode.NOT_ACCEPTABLE)).isEqualTo(406);
    assertThat(ErrorMapping.httpStatus(ResponseCode.UNSUPPORTED_CONTENT_FORMAT)).isEqualTo(415);
  }

  @Test
  void deviceServerErrorsAreBadGateway() {
    assertThat(ErrorMapping.httpStatus(ResponseCode.INTERNAL_SERVER_ERROR)).isEqualTo(502);
    assertThat(ErrorMapping.httpStatus(ResponseCode.NOT_IMPLEMENTED)).isEqualTo(502);
  }

  @Test
  void serviceUnavailableStaysAServiceUnavailable() {
    // a full queue for a sleeping client (or a device saying it is overloaded): try again later
    assertThat(ErrorMapping.httpStatus(ResponseCode.SERVICE_UNAVAILABLE)).isEqualTo(503);
  }

  @Test
  void aDeviceErrorInsideAFutureCarriesItsLwm2mCode() {
    HttpError error = ErrorMapping.of(new CompletionException(new NotFoundException("no /3/7")));
    assertThat(error).isEqualTo(new HttpError(404, "no /3/7", Optional.of("4.04")));
    assertThat(error.body().toString()).isEqualTo("{\"error\":\"no /3/7\",\"lwm2mCode\":\"4.04\"}");

    LwM2mException failed = LwM2mException.forCode(ResponseCode.INTERNAL_SERVER_ERROR, "not implemented");
    assertThat(ErrorMapping.of(new ExecutionException(failed))).isEqualTo(new HttpError(502, "not implemented", Optional.of("5.00")));
  }

  @Test
  void aSilentDeviceIsAGatewayTimeoutAndAnUnreachableOneABadGateway() {
    assertThat(ErrorMapping.of(new CompletionException(new TimeoutException())).status()).isEqualTo(504);
    assertThat(ErrorMapping.of(new IOException("cannot send")).status()).isEqualTo(502);
  }

  @Test
  void anUnknownEndpointIsNotFoundWithoutLwm2mCode() {
    assertThat(ErrorMapping.of(new UnknownClientException("dev9")))
        .isEqualTo(new HttpError(404, "no client registered as 'dev9'", Optional.empty()));
  }

  @Test
  void badInputIsABadRequest() {
    assertThat(ErrorMapping.of(new BadRequestException("timeout must be positive")).status()).isEqualTo(400);
    Throwable badPath = catchThrowable(() -> LwM2mPath.parse("/3/x"));
    assertThat(badPath).isInstanceOf(InvalidRequestException.class);
    assertThat(ErrorMapping.of(badPath).status()).isEqualTo(400);
  }

  @Test
  void anythingElseIsAnInternalError() {
    assertThat(ErrorMapping.of(new IllegalStateException("bug")).status()).isEqualTo(500);
  }
}
