package org.lwm2m4j.app.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;

/**
 * The JSON view of CoRE links used by the CLI (and the REST API's Discover):
 * {@code [{"target":"/3/0","attributes":{"ver":"1.1","Q":null}}]}, attributes in order, a bare
 * attribute as {@code null}.
 */
public final class LinkJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LinkJson() {}

  public static String write(List<Link> links) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Link link : links) {
      ObjectNode object = array.addObject();
      object.put("target", link.target());
      ObjectNode attributes = object.putObject("attributes");
      for (LinkAttribute attribute : link.attributes()) {
        if (attribute.value().isPresent()) {
          attributes.put(attribute.name(), attribute.value().get());
        } else {
          attributes.putNull(attribute.name());
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("links could not be written as JSON", e);
    }
  }

  static List<Link> read(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException("stdin: not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException("stdin: unreadable: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new BadInputException("stdin: expected a JSON array of links [{\"target\":…,\"attributes\":{…}}]");
    }
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      JsonNode target = entry.get("target");
      if (target == null || !target.isTextual()) {
        throw new BadInputException("stdin: link " + i + " has no text \"target\"");
      }
      List<LinkAttribute> attributes = new ArrayList<>();
      JsonNode attrs = entry.get("attributes");
      if (attrs != null && !attrs.isNull()) {
        if (!attrs.isObject()) {
          throw new BadInputException("stdin: link " + i + " \"attributes\" must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode value = field.getValue();
          if (!value.isNull() && !value.isValueNode()) {
            throw new BadInputException("stdin: link " + i + " attribute \"" + field.getKey() + "\" must be a string, number or null");
          }
          attributes.add(new LinkAttribute(field.getKey(), value.isNull() ? Optional.empty() : Optional.of(value.asText())));
        }
      }
      links.add(new Link(target.asText(), attributes));
    }
    return links;
  }
}
