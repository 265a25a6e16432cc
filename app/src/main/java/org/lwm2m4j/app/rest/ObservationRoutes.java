package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;

/**
 * {@code …/observations}: {@code POST …/observations/{path}} observes (query parameters other than
 * {@code format}/{@code timeout} go along as observation attributes: in the Observe for an LwM2M
 * 1.2 client, by a Write-Attributes first for an earlier one, whose refusal fails the Observe with
 * the client's code) and answers with the observation and the current content; {@code DELETE …/observations/{path}} cancels every
 * observation that covers that path, {@code DELETE …/observations?token=…} one by token (both
 * {@code ?active=false} to only forget it); {@code GET …/observations} lists them. Notifications
 * arrive on the event stream.
 */
final class ObservationRoutes implements Routes {
  private static final String OBSERVATIONS = CLIENT + "/observations";

  private final ObservationService observations;
  private final Clients clients;

  ObservationRoutes(ObservationService observations, Clients clients) {
    this.observations = observations;
    this.clients = clients;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(OBSERVATIONS, this::list);
    app.delete(OBSERVATIONS, this::cancelByToken);
    app.post(OBSERVATIONS + "/<" + RequestParameters.PATH + ">", this::observe);
    app.delete(OBSERVATIONS + "/<" + RequestParameters.PATH + ">", this::cancelByPath);
  }

  private void observe(Context ctx) {
    Registration registration = clients.of(ctx);
    CompletableFuture<ObserveResult> observed = observations.observe(registration, RequestParameters.path(ctx),
        RequestParameters.attributes(ctx), RequestParameters.options(ctx));
    ctx.future(() -> observed.thenAccept(result -> ObservationJson.sendAnswer(ctx, result, clients.modelsOf(registration))));
  }

  private void list(Context ctx) {
    List<Observation> held = new ArrayList<>(observations.observationsOf(clients.of(ctx).id()));
    held.sort(Comparator.comparing(Observation::createdAt));
    ArrayNode json = JsonBody.array();
    held.forEach(observation -> json.add(ObservationJson.of(observation)));
    JsonBody.send(ctx, 200, json);
  }

  private void cancelByPath(Context ctx) {
    Registration registration = clients.of(ctx);
    LwM2mPath path = RequestParameters.path(ctx);
    List<Observation> matching = observations.observationsOf(registration.id()).stream()
        .filter(observation -> observation.paths().contains(path)).toList();
    if (matching.isEmpty()) {
      throw new NoSuchObservationException("no observation of " + path + " on " + registration.endpoint());
    }
    cancel(ctx, matching);
  }

  private void cancelByToken(Context ctx) {
    Registration registration = clients.of(ctx);
    String hex = RequestParameters.query(ctx, "token")
        .orElseThrow(() -> new BadRequestException("name the observation: DELETE …/observations/{path} or …/observations?token=HEX"));
    Token token;
    try {
      token = Token.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("token '" + hex + "' is not 0 to 8 bytes of hex");
    }
    Optional<Observation> observation = observations.observationsOf(registration.id()).stream()
        .filter(held -> held.token().equals(token)).findFirst();
    if (observation.isEmpty()) {
      throw new NoSuchObservationException("no observation with token " + token + " on " + registration.endpoint());
    }
    cancel(ctx, List.of(observation.get()));
  }

  private void cancel(Context ctx, List<Observation> matching) {
    boolean active = RequestParameters.active(ctx);
    RequestOptions options = RequestParameters.options(ctx);
    List<CompletableFuture<Optional<Observation>>> cancels = new ArrayList<>();
    for (Observation observation : matching) {
      cancels.add(observations.cancel(observation.token(), active, options));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new));
    ctx.future(() -> all.thenRun(() -> {
      ArrayNode json = JsonBody.array();
      for (CompletableFuture<Optional<Observation>> cancel : cancels) {
        cancel.join().ifPresent(cancelled -> json.add(ObservationJson.of(cancelled)));
      }
      JsonBody.send(ctx, 200, json);
    }));
  }
}
