package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnauthorizedException;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/** The chain's first step alone, with stub next steps. */
class FailureToResponseTest {
  private static final InboundRequest READ = new InboundRequest(
      CoapRequest.to(new InetSocketAddress("127.0.0.1", 5683), CoapMethod.GET, List.of("3", "0")), Optional.empty());

  private final FailureToResponse step = new FailureToResponse();

  private CoapResponse answer(Service<InboundRequest> next) {
    CompletableFuture<CoapResponse> answer = step.filter(READ, next);
    assertThat(answer).as("always a completed answer, never a failure").isCompleted().isNotCompletedExceptionally();
    return answer.join();
  }

  @Test
  void aThrownLwM2mErrorIsAnsweredWithItsCodeAndMessage() {
    CoapResponse response = answer(request -> {
      throw new NotFoundException("no instance /3/0");
    });

    assertThat(response.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("no instance /3/0");
  }

  @Test
  void aFutureFailedWithAnLwM2mErrorIsAnsweredWithItsCode() {
    CoapResponse response = answer(request -> CompletableFuture.failedFuture(new UnauthorizedException("not yours")));

    assertThat(response.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
  }

  @Test
  void anUnexpectedExceptionIsInternalServerError() {
    CoapResponse response = answer(request -> {
      throw new IllegalStateException("a defect");
    });

    assertThat(response.code()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
    assertThat(response.payload()).as("a defect's message stays in the log").isEmpty();
  }

  @Test
  void anAnswerPassesUnchanged() {
    CoapResponse changed = CoapResponse.of(ResponseCode.CHANGED);

    assertThat(answer(request -> CompletableFuture.completedFuture(changed))).isSameAs(changed);
  }
}
