package org.lwm2m4j.server.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.link.LinkFormatParser;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * What a Register or Update payload says about the client: its LwM2M root (the alternate path of
 * a link with {@code rt="oma.lwm2m"}, else {@code /}), the content formats it announced
 * ({@code ct} on the root link), the objects it supports with their versions ({@code ver}), and
 * its object instances. Security (0) and OSCORE (21) must never be listed; they are left out of
 * every view.
 *
 * <p>Parsed on demand from the payload text a {@link Registration} keeps. Immutable.
 */
public final class ObjectLinks {
  private static final Set<Integer> HIDDEN_OBJECTS = Set.of(0, 21);
  /** One content-format number, or several separated by blanks; each at most 5 digits, checked against 65535 apart. */
  private static final Pattern CONTENT_FORMAT_LIST = Pattern.compile(" *[0-9]{1,5}( +[0-9]{1,5})* *");
  private static final int MAX_CONTENT_FORMAT = 65_535;

  /** Bounded: a server seeing more distinct lists than this starts over rather than growing. */
  private static final int SHARED_LIMIT = 4096;
  private static final ConcurrentHashMap<String, ObjectLinks> SHARED = new ConcurrentHashMap<>();

  private final String text;
  private final String rootPath;
  private final List<ContentFormat> contentFormats;
  private final Set<Integer> objects;
  private final Map<Integer, Version> objectVersions;
  private final List<LwM2mPath> instances;

  private ObjectLinks(String text, String rootPath, List<ContentFormat> contentFormats, Set<Integer> objects,
      Map<Integer, Version> objectVersions, List<LwM2mPath> instances) {
    this.text = text;
    this.rootPath = rootPath;
    this.contentFormats = contentFormats;
    this.objects = objects;
    this.objectVersions = objectVersions;
    this.instances = instances;
  }

  /**
   * {@link #parse} once per distinct text: a fleet's devices mostly send the same list, so a
   * Register or Update, and every downlink request that needs a registration's links, finds the
   * parse of the first device that sent it; and {@link #text()} of the result is one string that
   * every registration with that list can keep. A list that does not parse is not remembered.
   *
   * @throws InvalidRequestException as {@link #parse}
   */
  public static ObjectLinks parseShared(String payload) {
    ObjectLinks parsed = SHARED.get(payload);
    if (parsed == null) {
      parsed = parse(payload);
      if (SHARED.size() >= SHARED_LIMIT) {
        SHARED.clear();
      }
      ObjectLinks raced = SHARED.putIfAbsent(payload, parsed);
      if (raced != null) {
        parsed = raced;
      }
    }
    return parsed;
  }

  /**
   * Parses and checks a Register/Update payload.
   *
   * @throws InvalidRequestException (4.00) if it is not link format, or a link is neither the
   *     root nor an object or object-instance path under the root
   */
  public static ObjectLinks parse(String payload) {
    List<Link> links;
    try {
      links = LinkFormatParser.parse(payload);
    } catch (CodecException e) {
      throw new InvalidRequestException("the object list is not valid link format: " + e.getMessage(), e);
    }
    String root = "/";
    List<ContentFormat> formats = List.of();
    for (Link link : links) {
      checkAttributes(link);
    }
    for (Link link : links) {
      if (link.value("rt").filter(rt -> rt.equals("oma.lwm2m")).isPresent()) {
        root = normalizeRoot(link.target());
        formats = contentFormats(link);
      }
    }
    Set<Integer> objects = new LinkedHashSet<>();
    Map<Integer, Version> versions = new TreeMap<>();
    Set<LwM2mPath> instances = new LinkedHashSet<>();
    for (Link link : links) {
      String target = link.target();
      if (normalizeRoot(target).equals(root) && (link.attribute("rt").isPresent() || target.equals("/") || target.equals(root))) {
        if (link.attribute("ct").isPresent() && formats.isEmpty()) {
          formats = contentFormats(link);
        }
        continue;
      }
      LwM2mPath path = pathUnder(root, target);
      if (path.depth() < 1 || path.depth() > 2) {
        throw new InvalidRequestException("object list entry <" + target + "> must name an object or an object instance");
      }
      if (HIDDEN_OBJECTS.contains(path.objectId())) {
        continue;
      }
      objects.add(path.objectId());
      link.value("ver").ifPresent(ver -> versions.put(path.objectId(), Version.parseExact(ver)));
      if (path.isObjectInstance()) {
        instances.add(path);
      }
    }
    return new ObjectLinks(payload, root, formats, Collections.unmodifiableSet(objects), Collections.unmodifiableMap(versions),
        List.copyOf(instances));
  }

  private static String normalizeRoot(String target) {
    return target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
  }

  private static LwM2mPath pathUnder(String root, String target) {
    String relative = target;
    if (!root.equals("/")) {
      if (!target.startsWith(root + "/")) {
        throw new InvalidRequestException("object list entry <" + target + "> is not under the LwM2M root " + root);
      }
      relative = target.substring(root.length());
    }
    try {
      return LwM2mPath.parse(relative);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException("object list entry <" + target + "> is not an LwM2M path: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a {@code ct} that is not a content-format number or a space-separated list of them
   * (RFC 7252 §7.2.1), and a {@code ver} that is not {@code major.minor}, on any link; other
   * parameters are the client's business.
   */
  private static void checkAttributes(Link link) {
    for (LinkAttribute attribute : link.attributes()) {
      if (attribute.hasName("ct")) {
        String ct = attribute.value().orElse("");
        if (!CONTENT_FORMAT_LIST.matcher(ct).matches() || contentFormatCodes(ct).anyMatch(code -> code > MAX_CONTENT_FORMAT)) {
          throw new InvalidRequestException("object list entry <" + link.target() + "> has ct=\"" + CodecException.excerpt(ct)
              + "\", not a content-format number (0.." + MAX_CONTENT_FORMAT + ") or a quoted list of them");
        }
      } else if (attribute.hasName("ver")) {
        String ver = attribute.value().orElse("");
        try {
          Version.parseExact(ver);
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException("object list entry <" + link.target() + "> has ver=\"" + CodecException.excerpt(ver)
              + "\", not a version such as 1.1", e);
        }
      }
    }
  }

  private static IntStream contentFormatCodes(String ct) {
    return Arrays.stream(ct.trim().split(" +")).mapToInt(Integer::parseInt);
  }

  private static List<ContentFormat> contentFormats(Link root) {
    Optional<String> ct = root.value("ct");
    if (ct.isEmpty()) {
      return List.of();
    }
    List<ContentFormat> formats = new ArrayList<>();
    contentFormatCodes(ct.get()).forEach(code -> ContentFormat.fromCode(code).ifPresent(formats::add));
    return List.copyOf(formats);
  }

  /** The client's LwM2M root: {@code /}, or its alternate path such as {@code /lwm2m}. */
  public String rootPath() {
    return rootPath;
  }

  /** The payload text this was parsed from. */
  public String text() {
    return text;
  }

  /** The content formats announced with {@code ct} on the root link (known ones only); empty if none. */
  public List<ContentFormat> contentFormats() {
    return contentFormats;
  }

  /** The objects the client supports, with or without instances, in payload order. */
  public Set<Integer> objects() {
    return objects;
  }

  /** The object versions the client announced with {@code ver}; objects without {@code ver} are absent. */
  public Map<Integer, Version> objectVersions() {
    return objectVersions;
  }

  /** The object instances the client has, in payload order (never in objects 0 or 21). */
  public List<LwM2mPath> instances() {
    return instances;
  }
}
