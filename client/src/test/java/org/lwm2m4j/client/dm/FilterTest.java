package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapResponse;

/** Composing steps: order, conversion from one request type to the next, and a step that answers itself. */
class FilterTest {
  private final List<String> trace = new ArrayList<>();

  private Filter<String, String> step(String name) {
    return (request, next) -> {
      trace.add(name + ":" + request);
      return next.handle(request + name);
    };
  }

  @Test
  void stepsRunInTheOrderTheyAreComposed() {
    Service<String> chain = step("a").andThen(step("b")).andThen(step("c")).then(request -> {
      trace.add("last:" + request);
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    });

    chain.handle("x").join();

    assertThat(trace).containsExactly("a:x", "b:xa", "c:xab", "last:xabc");
  }

  @Test
  void aStepMayTurnTheRequestIntoAnotherType() {
    Filter<String, Integer> length = (request, next) -> next.handle(request.length());
    Service<String> chain = step("a").andThen(length).then(size -> {
      trace.add("size " + size);
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CONTENT));
    });

    chain.handle("four").join();

    assertThat(trace).containsExactly("a:four", "size 5");
  }

  @Test
  void aStepThatAnswersItselfEndsTheChain() {
    Filter<String, String> refuse = (request, next) -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.UNAUTHORIZED));
    Service<String> chain = step("a").andThen(refuse).andThen(step("never")).then(request -> {
      throw new AssertionError("not reached");
    });

    assertThat(chain.handle("x").join().code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(trace).containsExactly("a:x");
  }
}
