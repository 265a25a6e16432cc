package org.lwm2m4j.server.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/**
 * A {@link BootstrapSessionRecord} as JSON: {@code {"started":"2025-01-01T10:00:00Z",
 * "finished":"2025-01-01T10:00:02Z","outcome":"finished","address":"192.0.2.1:5683","mode":"pack"}},
 * instants in ISO-8601 UTC, {@code finished} and {@code address} left out when unknown, {@code mode}
 * one of {@code request}, {@code pack}, {@code push}. A record written before modes were kept has no
 * {@code mode} and reads as {@code request}. Stateless and thread-safe.
 */
public final class BootstrapSessionJson {
  private static final String STARTED = "started";
  private static final String FINISHED = "finished";
  private static final String OUTCOME = "outcome";
  private static final String ADDRESS = "address";
  private static final String MODE = "mode";

  private BootstrapSessionJson() {}

  public static ObjectNode toJson(BootstrapSessionRecord record) {
    ObjectNode json = BootstrapConfigJson.MAPPER.createObjectNode().put(STARTED, record.started().toString());
    record.finished().ifPresent(finished -> json.put(FINISHED, finished.toString()));
    json.put(OUTCOME, record.outcome());
    record.address().ifPresent(address -> json.put(ADDRESS, address));
    json.put(MODE, record.mode().label());
    return json;
  }

  /**
   * The record {@code json} describes.
   *
   * @throws InvalidRequestException naming the field if one is missing or invalid
   */
  public static BootstrapSessionRecord parse(JsonNode json) {
    JsonFields fields = JsonFields.of(json, "session");
    fields.only(List.of(STARTED, FINISHED, OUTCOME, ADDRESS, MODE));
    Instant started = instant(fields, fields.text(STARTED, "\"2025-01-01T10:00:00Z\""), STARTED);
    Optional<Instant> finished = fields.optionalText(FINISHED).map(text -> instant(fields, text, FINISHED));
    BootstrapMode mode = fields.optionalText(MODE).map(label -> BootstrapMode.fromLabel(label).orElseThrow(() ->
        new InvalidRequestException(fields.at(MODE) + " \"" + label + "\" is not a bootstrap mode: request, pack or push")))
        .orElse(BootstrapMode.REQUEST);
    return new BootstrapSessionRecord(started, finished, fields.text(OUTCOME, "\"finished\""), fields.optionalText(ADDRESS), mode);
  }

  private static Instant instant(JsonFields fields, String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(fields.at(field) + " \"" + text + "\" is not an ISO-8601 instant such as 2025-01-01T10:00:00Z");
    }
  }
}
