package org.lwm2m4j.app.bootstrap.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.server.bootstrap.BootstrapContact;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bootstrap Server's configs over HTTP, under {@code /api/v1/bootstrap/configs}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/bootstrap/configs}: every config, {@code [{"endpoint":…,"config":{…},"lastSession":{…}|null}]}
 *   <li>{@code GET /api/v1/bootstrap/configs/{ep}}: one such entry, 404 if none
 *   <li>{@code PUT /api/v1/bootstrap/configs/{ep}}: store the config in the body (the {@link BootstrapConfigJson}
 *       form); 201 when new, 200 when replacing, 400 naming the bad field
 *   <li>{@code DELETE /api/v1/bootstrap/configs/{ep}}: remove it; 200 with the removed entry, 404 if none
 *   <li>{@code POST /api/v1/bootstrap/configs/{ep}/push}: start a server-initiated bootstrap, optionally
 *       at the address of the body {@code {"address":"host:port"}}; 202 with {@code {"endpoint":…,"address":…,
 *       "addressFrom":"request"|"last contact","addressSince":…,"note":…}} — without an address in the body the
 *       push goes where the device last contacted this server from, and the answer says so and since when, as
 *       that port may be stale; 404 if the endpoint has no config, 400 for a bad address, 409 if no address
 *       is given and none is known (the device has not contacted this server since it started)
 * </ul>
 *
 * Configs are shown without the client's secrets (see {@link BootstrapConfigJson#toJson}). Errors
 * are {@code {"error":"…"}}: this class answers its own 400s, 404s and 409s, so it works whatever
 * exception mapping the app installs; anything else (a store that cannot write, a push callback
 * that fails with another error) is left to the app's exception handler. The push route does not
 * wait for the bootstrap: its outcome shows later as the endpoint's {@code lastSession}, whose
 * {@code lastSuccess} a failed attempt leaves in place.
 */
public final class BootstrapRoutes {
  /** The root of every bootstrap config URL. */
  public static final String CONFIGS = "/api/v1/bootstrap/configs";
  static final String ENDPOINT = "ep";
  static final String CONFIG = CONFIGS + "/{" + ENDPOINT + "}";
  static final String PUSH = CONFIG + "/push";

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapRoutes.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String JSON = "application/json";
  private static final String ADDRESS = "address";

  private final BootstrapConfigStore store;
  private final BiFunction<String, Optional<InetSocketAddress>, CompletableFuture<?>> push;
  private final Function<String, Optional<BootstrapContact>> lastContact;

  /**
   * Routes whose push answers show no last contact (the push callback still decides where it goes).
   *
   * @param store where the configs live
   * @param push starts a server-initiated bootstrap of an endpoint (at an address, if given) and
   *     completes when it ends; called on an HTTP thread, so it must not block
   */
  public BootstrapRoutes(BootstrapConfigStore store, BiFunction<String, Optional<InetSocketAddress>, CompletableFuture<?>> push) {
    this(store, push, endpoint -> Optional.empty());
  }

  /**
   * @param store where the configs live
   * @param push starts a server-initiated bootstrap of an endpoint (at an address, if given) and
   *     completes when it ends; called on an HTTP thread, so it must not block; throws (or fails at
   *     once with) a {@link ConflictException} when it knows no address
   * @param lastContact where and since when an endpoint last contacted the Bootstrap-Server: where a
   *     push without an address goes, shown in the answer
   */
  public BootstrapRoutes(BootstrapConfigStore store, BiFunction<String, Optional<InetSocketAddress>, CompletableFuture<?>> push,
      Function<String, Optional<BootstrapContact>> lastContact) {
    this.store = Objects.requireNonNull(store, "store");
    this.push = Objects.requireNonNull(push, "push");
    this.lastContact = Objects.requireNonNull(lastContact, "lastContact");
  }

  /** Adds the routes to {@code app}. */
  public void addTo(Javalin app) {
    app.get(CONFIGS, answering(this::list));
    app.get(CONFIG, answering(this::get));
    app.put(CONFIG, answering(this::put));
    app.delete(CONFIG, answering(this::delete));
    app.post(PUSH, answering(this::push));
  }

  private void list(Context ctx) {
    ArrayNode json = MAPPER.createArrayNode();
    store.all().forEach((endpoint, config) -> json.add(entry(endpoint, config, store.lastSession(endpoint))));
    send(ctx, 200, json);
  }

  private void get(Context ctx) {
    String endpoint = ctx.pathParam(ENDPOINT);
    BootstrapConfig config = store.get(endpoint).orElseThrow(() -> unknown(endpoint));
    send(ctx, 200, entry(endpoint, config, store.lastSession(endpoint)));
  }

  private void put(Context ctx) {
    String endpoint = ctx.pathParam(ENDPOINT);
    BootstrapConfig config = BootstrapConfigJson.parse(ctx.bodyAsBytes());
    Optional<BootstrapConfig> replaced = store.put(endpoint, config);
    send(ctx, replaced.isPresent() ? 200 : 201, entry(endpoint, config, store.lastSession(endpoint)));
  }

  private void delete(Context ctx) {
    String endpoint = ctx.pathParam(ENDPOINT);
    Optional<BootstrapSessionRecord> session = store.lastSession(endpoint);
    BootstrapConfig removed = store.remove(endpoint).orElseThrow(() -> unknown(endpoint));
    send(ctx, 200, entry(endpoint, removed, session));
  }

  private void push(Context ctx) {
    String endpoint = ctx.pathParam(ENDPOINT);
    if (store.get(endpoint).isEmpty()) {
      throw unknown(endpoint);
    }
    Optional<InetSocketAddress> address = address(ctx.bodyAsBytes());
    // read before the push: the session it starts may record a newer contact
    Optional<BootstrapContact> contact = address.isPresent() ? Optional.empty() : lastContact.apply(endpoint);
    CompletableFuture<?> bootstrap = Objects.requireNonNull(push.apply(endpoint, address), "push returned no future");
    if (bootstrap.isCompletedExceptionally()) {
      // A push refused at once (unknown address, endpoint busy…) is answered now; later failures show as lastSession.
      bootstrap.join();
    }
    bootstrap.whenComplete((result, failure) -> {
      if (failure != null) {
        LOG.debug("server-initiated bootstrap of {} failed: {}", endpoint, unwrap(failure).getMessage());
      }
    });
    ObjectNode json = MAPPER.createObjectNode().put("endpoint", endpoint);
    if (address.isPresent()) {
      json.put(ADDRESS, PushAddress.format(address.get())).put("addressFrom", "request");
    } else if (contact.isPresent()) {
      String used = PushAddress.format(contact.get().address());
      json.put(ADDRESS, used).put("addressFrom", "last contact").put("addressSince", contact.get().since().toString())
          .put("note", "pushing to " + used + (contact.get().secure() ? " over DTLS" : "") + ", where " + endpoint
              + " last contacted this bootstrap server from at " + contact.get().since() + "; if the device has restarted "
              + "since, its port may have changed: give \"address\" in the request");
    } else {
      json.putNull(ADDRESS);
    }
    send(ctx, 202, json);
  }

  /** The address in an optional {@code {"address":"host:port"}} body. */
  private static Optional<InetSocketAddress> address(byte[] body) {
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("the body is not JSON: " + e.getOriginalMessage() + "; expected {\"address\":\"host:port\"} or nothing");
    } catch (IOException e) {
      throw new InvalidRequestException("the body is unreadable: " + e.getMessage());
    }
    if (!json.isObject()) {
      throw new InvalidRequestException("the body must be a JSON object such as {\"address\":\"192.0.2.1:5683\"}");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!name.equals(ADDRESS)) {
        throw new InvalidRequestException(name + " is not a known field; allowed here: " + ADDRESS);
      }
    }
    JsonNode address = json.get(ADDRESS);
    if (address == null || address.isNull()) {
      return Optional.empty();
    }
    if (!address.isTextual()) {
      throw new InvalidRequestException("address must be a string such as \"192.0.2.1:5683\"");
    }
    return Optional.of(PushAddress.parse(address.textValue()));
  }

  private static ObjectNode entry(String endpoint, BootstrapConfig config, Optional<BootstrapSessionRecord> session) {
    ObjectNode json = MAPPER.createObjectNode().put("endpoint", endpoint);
    json.set("config", BootstrapConfigJson.toJson(config));
    json.set("lastSession", session.<JsonNode>map(BootstrapSessionJson::toJson).orElse(MAPPER.nullNode()));
    return json;
  }

  private static NotFoundException unknown(String endpoint) {
    return new NotFoundException("no bootstrap config for endpoint '" + endpoint + "'");
  }

  /** {@code handler} with its bad requests (400) and unknown endpoints (404) answered here. */
  private static Handler answering(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (InvalidRequestException | NotFoundException | ConflictException | CompletionException e) {
        Throwable cause = unwrap(e);
        if (cause instanceof InvalidRequestException) {
          error(ctx, 400, cause.getMessage());
        } else if (cause instanceof ConflictException) {
          error(ctx, 409, cause.getMessage());
        } else if (cause instanceof NotFoundException) {
          error(ctx, 404, cause.getMessage());
        } else {
          throw e;
        }
      }
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void error(Context ctx, int status, String message) {
    send(ctx, status, MAPPER.createObjectNode().put("error", String.valueOf(message)));
  }

  private static void send(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType(JSON).result(MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
