package org.lwm2m4j.core.model;

import java.util.Set;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One parse of an OMA DDF document by {@link DdfParser}: the StAX reader positioned somewhere in the
 * document, and the conversion of each {@code <Object>} and {@code <Item>} into models, with the
 * line of every error.
 */
final class DdfDocumentReader {
  private static final String ROOT = "LWM2M";
  private static final String OBJECT = "Object";
  private static final String RESOURCES = "Resources";
  private static final String ITEM = "Item";
  private static final String MO_DEFINITION = "MODefinition";

  private static final Set<String> OBJECT_FIELDS =
      Set.of(
          "Name",
          "Description1",
          "Description2",
          "ObjectID",
          "ObjectURN",
          "LWM2MVersion",
          "ObjectVersion",
          "MultipleInstances",
          "Mandatory");

  private static final Set<String> ITEM_FIELDS =
      Set.of(
          "Name",
          "Operations",
          "MultipleInstances",
          "Mandatory",
          "Type",
          "RangeEnumeration",
          "Units",
          "Description");

  private final XMLStreamReader reader;
  private final String source;

  DdfDocumentReader(XMLStreamReader reader, String source) {
    this.reader = reader;
    this.source = source;
  }

  List<ObjectModel> document() throws XMLStreamException, ModelLoadException {
    toRootElement();
    if (!reader.getLocalName().equals(ROOT)) {
      return List.of();
    }
    List<ObjectModel> models = new ArrayList<>();
    Map<String, Integer> firstLines = new HashMap<>();
    while (nextChild()) {
      if (reader.getLocalName().equals(OBJECT) && isObjectDefinition()) {
        int line = line();
        ObjectModel model = object();
        String key = model.id() + " version " + model.version();
        Integer first = firstLines.putIfAbsent(key, line);
        if (first != null) {
          throw error(line, "object " + key + " is defined twice (first at line " + first + ")");
        }
        models.add(model);
      } else {
        skipElement();
      }
    }
    toEndOfDocument();
    return List.copyOf(models);
  }

  private boolean isObjectDefinition() {
    String type = reader.getAttributeValue(null, "ObjectType");
    return type == null || type.strip().equalsIgnoreCase(MO_DEFINITION);
  }

  private ObjectModel object() throws XMLStreamException, ModelLoadException {
    int objectLine = line();
    Map<String, Text> fields = new HashMap<>();
    List<Item> items = null;
    while (nextChild()) {
      String name = reader.getLocalName();
      if (name.equals(RESOURCES)) {
        if (items != null) {
          throw error(line(), "<Resources> appears twice in one <Object>");
        }
        items = items();
      } else if (OBJECT_FIELDS.contains(name)) {
        putOnce(fields, name, "<Object>");
      } else {
        skipElement();
      }
    }
    return objectModel(objectLine, fields, items == null ? List.of() : items);
  }

  private List<Item> items() throws XMLStreamException, ModelLoadException {
    List<Item> items = new ArrayList<>();
    while (nextChild()) {
      if (!reader.getLocalName().equals(ITEM)) {
        skipElement();
        continue;
      }
      int line = line();
      String id = reader.getAttributeValue(null, "ID");
      Map<String, Text> fields = new HashMap<>();
      while (nextChild()) {
        String name = reader.getLocalName();
        if (ITEM_FIELDS.contains(name)) {
          putOnce(fields, name, "<Item>");
        } else {
          skipElement();
        }
      }
      items.add(new Item(id, line, fields));
    }
    return items;
  }

  private ObjectModel objectModel(int objectLine, Map<String, Text> fields, List<Item> items)
      throws ModelLoadException {
    Text idText = fields.get("ObjectID");
    if (idText == null || idText.isEmpty()) {
      throw error(objectLine, "<Object> has no <ObjectID>");
    }
    int id = identifier(idText.value());
    if (id < 0) {
      throw error(
          idText.line(), "<ObjectID> '" + idText.value() + "' is not an object id (0..65534)");
    }
    String what = "object " + id;
    Version version = version(fields, "ObjectVersion", what);
    Version lwm2mVersion = version(fields, "LWM2MVersion", what);
    boolean multiple = flag(fields, "MultipleInstances", "Multiple", "Single", what);
    boolean mandatory = flag(fields, "Mandatory", "Mandatory", "Optional", what);

    List<ResourceModel> resources = new ArrayList<>(items.size());
    Map<Integer, Integer> firstLines = new HashMap<>();
    for (Item item : items) {
      ResourceModel resource = resourceModel(item, id);
      Integer first = firstLines.putIfAbsent(resource.id(), item.line());
      if (first != null) {
        throw error(
            item.line(),
            what + " defines resource " + resource.id() + " twice (first at line " + first + ")");
      }
      resources.add(resource);
    }
    return new ObjectModel(
        id,
        text(fields, "Name"),
        description(text(fields, "Description1"), text(fields, "Description2")),
        version,
        lwm2mVersion,
        text(fields, "ObjectURN"),
        multiple,
        mandatory,
        resources);
  }

  private ResourceModel resourceModel(Item item, int objectId) throws ModelLoadException {
    if (item.idAttribute() == null) {
      throw error(item.line(), "<Item> of object " + objectId + " has no ID attribute");
    }
    int id = identifier(item.idAttribute().strip());
    if (id < 0) {
      throw error(
          item.line(),
          "<Item ID=\"" + item.idAttribute() + "\"> of object " + objectId
              + " is not a resource id (0..65534)");
    }
    String what = "resource " + id + " of object " + objectId;
    Map<String, Text> fields = item.fields();
    return new ResourceModel(
        id,
        text(fields, "Name"),
        operations(fields.get("Operations"), what),
        flag(fields, "MultipleInstances", "Multiple", "Single", what),
        flag(fields, "Mandatory", "Mandatory", "Optional", what),
        type(fields.get("Type"), what),
        text(fields, "RangeEnumeration"),
        text(fields, "Units"),
        text(fields, "Description"));
  }

  private Operations operations(Text text, String what) throws ModelLoadException {
    if (text == null) {
      return Operations.NONE;
    }
    return Operations.fromDdfName(text.value())
        .orElseThrow(
            () ->
                error(
                    text.line(),
                    "<Operations> '" + text.value() + "' of " + what
                        + " is not one of R, W, RW, E or empty"));
  }

  private ResourceType type(Text text, String what) throws ModelLoadException {
    if (text == null) {
      return ResourceType.NONE;
    }
    return ResourceType.fromDdfName(text.value())
        .orElseThrow(
            () ->
                error(
                    text.line(),
                    "<Type> '" + text.value() + "' of " + what
                        + " is not a known data type (String, Integer, Unsigned Integer, Float,"
                        + " Boolean, Opaque, Time, Objlnk, Corelnk or empty)"));
  }

  private Version version(Map<String, Text> fields, String element, String what)
      throws ModelLoadException {
    Text text = fields.get(element);
    if (text == null || text.isEmpty()) {
      return Version.V1_0;
    }
    try {
      return Version.parse(text.value());
    } catch (IllegalArgumentException e) {
      throw error(
          text.line(),
          "<" + element + "> '" + text.value() + "' of " + what
              + " is not a major.minor version");
    }
  }

  private boolean flag(
      Map<String, Text> fields, String element, String yes, String no, String what)
      throws ModelLoadException {
    Text text = fields.get(element);
    if (text == null || text.isEmpty()) {
      return false;
    }
    if (text.value().equalsIgnoreCase(yes)) {
      return true;
    }
    if (text.value().equalsIgnoreCase(no)) {
      return false;
    }
    throw error(
        text.line(),
        "<" + element + "> '" + text.value() + "' of " + what
            + " is neither " + yes + " nor " + no);
  }

  private void putOnce(Map<String, Text> fields, String name, String owner)
      throws XMLStreamException, ModelLoadException {
    int line = line();
    if (fields.containsKey(name)) {
      throw error(line, "<" + name + "> appears twice in one " + owner);
    }
    fields.put(name, elementText());
  }

  /** Moves to the root element, refusing any document type declaration on the way. */
  private void toRootElement() throws XMLStreamException, ModelLoadException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return;
      }
      rejectDtd(event);
    }
    throw error(line(), "the document has no root element");
  }

  /** Reads to the end so that trailing garbage after the root element is still reported. */
  private void toEndOfDocument() throws XMLStreamException, ModelLoadException {
    while (reader.hasNext()) {
      rejectDtd(reader.next());
    }
  }

  /**
   * Moves to the next child element of the current element: true when positioned on its start,
   * false when the current element has ended instead.
   */
  private boolean nextChild() throws XMLStreamException, ModelLoadException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      rejectDtd(event);
    }
    return false;
  }

  /**
   * The stripped text content of the current element, including that of any nested markup
   * (descriptions sometimes carry unescaped HTML); leaves the reader on its end tag.
   */
  private Text elementText() throws XMLStreamException {
    int line = line();
    StringBuilder text = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(
                reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        default -> {
          // Comments and processing instructions carry no content.
        }
      }
    }
    return new Text(text.toString().strip(), line);
  }

  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private void rejectDtd(int event) throws ModelLoadException {
    if (event == XMLStreamConstants.DTD) {
      throw error(
          line(),
          "DOCTYPE declarations are not allowed in object definitions"
              + " (entities are never resolved)");
    }
  }

  private int line() {
    return reader.getLocation().getLineNumber();
  }

  private ModelLoadException error(int line, String detail) {
    return new ModelLoadException(source, line, detail);
  }

  /** A stripped element text and the line its element starts on. */
  private record Text(String value, int line) {
    boolean isEmpty() {
      return value.isEmpty();
    }
  }

  /** The raw fields of one {@code <Item>}, converted once the whole object has been read. */
  private record Item(String idAttribute, int line, Map<String, Text> fields) {}

  /** Parses a decimal id in 0..65534; -1 for anything else. */
  private static int identifier(String text) {
    if (text.isEmpty() || text.length() > 5) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 65534 ? value : -1;
  }

  private static String text(Map<String, Text> fields, String element) {
    Text text = fields.get(element);
    return text == null ? "" : text.value();
  }

  private static String description(String first, String second) {
    if (second.isEmpty()) {
      return first;
    }
    return first.isEmpty() ? second : first + "\n\n" + second;
  }
}
