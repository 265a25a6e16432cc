package org.lwm2m4j.server.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/**
 * A {@link BootstrapSessionRecord} as JSON: {@code {"started":"2025-01-01T10:00:00Z",
 * "finished":"2025-01-01T10:00:02Z","outcome":"finished","address":"192.0.2.1:5683","mode":"pack"}},
 * instants in ISO-8601 UTC, {@code finished} and {@code address} left out when unknown, {@code mode}
 * one of {@code request}, {@code pack}, {@code push}. These top-level fields are the last attempt;
 * {@code lastSuccess} is the last session that succeeded, kept when a later one fails: {@code
 * {"finished":…,"address":…,"mode":…,"servers":["coap://…"]}}, left out if none did. A record
 * written before modes were kept has no {@code mode} and reads as {@code request}; one written
 * before successes were kept apart has no {@code lastSuccess} and, if it finished, is its own.
 * Stateless and thread-safe.
 */
public final class BootstrapSessionJson {
  private static final String STARTED = "started";
  private static final String FINISHED = "finished";
  private static final String OUTCOME = "outcome";
  private static final String ADDRESS = "address";
  private static final String MODE = "mode";
  private static final String LAST_SUCCESS = "lastSuccess";
  private static final String SERVERS = "servers";

  private BootstrapSessionJson() {}

  public static ObjectNode toJson(BootstrapSessionRecord record) {
    ObjectNode json = BootstrapConfigJson.MAPPER.createObjectNode().put(STARTED, record.started().toString());
    record.finished().ifPresent(finished -> json.put(FINISHED, finished.toString()));
    json.put(OUTCOME, record.outcome());
    record.address().ifPresent(address -> json.put(ADDRESS, address));
    json.put(MODE, record.mode().label());
    record.lastSuccess().ifPresent(success -> {
      ObjectNode last = json.putObject(LAST_SUCCESS).put(FINISHED, success.finished().toString());
      success.address().ifPresent(address -> last.put(ADDRESS, address));
      last.put(MODE, success.mode().label());
      success.servers().forEach(last.putArray(SERVERS)::add);
    });
    return json;
  }

  /**
   * The record {@code json} describes.
   *
   * @throws InvalidRequestException naming the field if one is missing or invalid
   */
  public static BootstrapSessionRecord parse(JsonNode json) {
    JsonFields fields = JsonFields.of(json, "session");
    fields.only(List.of(STARTED, FINISHED, OUTCOME, ADDRESS, MODE, LAST_SUCCESS));
    Instant started = instant(fields, fields.text(STARTED, "\"2025-01-01T10:00:00Z\""), STARTED);
    Optional<Instant> finished = fields.optionalText(FINISHED).map(text -> instant(fields, text, FINISHED));
    BootstrapSessionRecord record = new BootstrapSessionRecord(started, finished, fields.text(OUTCOME, "\"finished\""),
        fields.optionalText(ADDRESS), mode(fields));
    JsonNode last = json.get(LAST_SUCCESS);
    if (last == null || last.isNull()) {
      return record;
    }
    JsonFields success = JsonFields.of(last, "session.lastSuccess");
    success.only(List.of(FINISHED, ADDRESS, MODE, SERVERS));
    List<String> servers = new ArrayList<>();
    JsonNode list = last.get(SERVERS);
    if (list != null && list.isArray()) {
      list.forEach(uri -> servers.add(uri.asText()));
    }
    return new BootstrapSessionRecord(record.started(), record.finished(), record.outcome(), record.address(), record.mode(),
        Optional.of(new BootstrapSuccess(instant(success, success.text(FINISHED, "\"2025-01-01T10:00:00Z\""), FINISHED),
            success.optionalText(ADDRESS), mode(success), servers)));
  }

  private static BootstrapMode mode(JsonFields fields) {
    return fields.optionalText(MODE).map(label -> BootstrapMode.fromLabel(label).orElseThrow(() ->
        new InvalidRequestException(fields.at(MODE) + " \"" + label + "\" is not a bootstrap mode: request, pack or push")))
        .orElse(BootstrapMode.REQUEST);
  }

  private static Instant instant(JsonFields fields, String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(fields.at(field) + " \"" + text + "\" is not an ISO-8601 instant such as 2025-01-01T10:00:00Z");
    }
  }
}
