package org.lwm2m4j.core.link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.path.InvalidPathException;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * One CoRE link: a target URI reference and its parameters, as in {@code </3/0/7>;dim=2;pmin=10}.
 * Register and Update payloads, Discover and Bootstrap-Discover responses are lists of these (see
 * {@link LinkFormatParser} and {@link LinkFormatWriter}).
 *
 * <p>The target is kept exactly as written between {@code <} and {@code >} ({@code "/3/0"},
 * {@code "/"}, {@code "/lwm2m/1/0"}, {@code "/0/1/"}); {@link #path()} interprets it. The empty
 * target stands for the LwM2M 1.0 Bootstrap-Discover element that carries parameters without any
 * link, {@code lwm2m="1.0"}, which may only come first in a list.
 *
 * <pre>{@code
 * Link link = Link.of("/3/0/7", LinkAttribute.of("dim", "2"), LinkAttribute.of("pmin", "10"));
 * link.value("dim");   // Optional[2]
 * link.path();         // Optional[/3/0/7]
 * link.toString();     // </3/0/7>;dim=2;pmin=10
 * }</pre>
 *
 * @param target the URI reference, without angle brackets; empty only for the 1.0 bare element
 * @param attributes the parameters in their written order (names may repeat)
 */
public record Link(String target, List<LinkAttribute> attributes) {
  /**
   * @throws IllegalArgumentException if the target holds whitespace, controls or angle brackets,
   *     or is empty while the first attribute has no value
   */
  public Link {
    Objects.requireNonNull(target, "target");
    attributes = List.copyOf(attributes);
    for (int i = 0; i < target.length(); i++) {
      if (!LinkSyntax.isTargetChar(target.charAt(i))) {
        throw new IllegalArgumentException("link target '" + target + "' has an invalid character at " + i);
      }
    }
    if (target.isEmpty() && (attributes.isEmpty() || attributes.get(0).value().isEmpty())) {
      throw new IllegalArgumentException(
          "a link without target is the LwM2M 1.0 bare element and must start with a name=value parameter");
    }
  }

  /** The link to {@code target} with these parameters in this order. */
  public static Link of(String target, LinkAttribute... attributes) {
    return new Link(target, List.of(attributes));
  }

  /** The link to {@code path} with these parameters in this order. */
  public static Link of(LwM2mPath path, LinkAttribute... attributes) {
    return new Link(path.toString(), List.of(attributes));
  }

  /** False for the LwM2M 1.0 bare element ({@code lwm2m="1.0"} with no {@code <…>}). */
  public boolean hasTarget() {
    return !target.isEmpty();
  }

  /** The first parameter called {@code name} (ASCII case ignored). */
  public Optional<LinkAttribute> attribute(String name) {
    for (LinkAttribute attribute : attributes) {
      if (attribute.hasName(name)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  /** The value of the first parameter called {@code name}; empty if it is absent or bare. */
  public Optional<String> value(String name) {
    return attribute(name).flatMap(LinkAttribute::value);
  }

  /**
   * The target as an LwM2M path: {@code </3/0>} is {@code /3/0}, {@code </>} the root, and one
   * trailing slash is tolerated ({@code </1/0/>} is {@code /1/0}). Empty when the target is not a
   * plain LwM2M path, e.g. under an alternate root ({@code </lwm2m/1/0>}, see {@link
   * #pathUnder(String)}) or the 1.0 bare element.
   */
  public Optional<LwM2mPath> path() {
    return parsePath(target);
  }

  /**
   * The target as an LwM2M path relative to the alternate root path {@code root} that a client
   * announced with {@code rt="oma.lwm2m"}: under root {@code "/lwm2m"}, {@code </lwm2m/1/0>} is
   * {@code /1/0} and {@code </lwm2m>} the root. Empty when the target lies outside {@code root} or
   * is not a path below it. A root of {@code "/"} (or {@code ""}) means no alternate path.
   */
  public Optional<LwM2mPath> pathUnder(String root) {
    String prefix = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    if (prefix.isEmpty()) {
      return path();
    }
    if (!target.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = target.substring(prefix.length());
    if (rest.isEmpty()) {
      return Optional.of(LwM2mPath.ROOT);
    }
    return rest.charAt(0) == '/' ? parsePath(rest) : Optional.empty();
  }

  private static Optional<LwM2mPath> parsePath(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LwM2mPath.parse(text));
    } catch (InvalidPathException notAPath) {
      return Optional.empty();
    }
  }

  /** The link as it is written in link format: {@code </3/0/7>;dim=2}. */
  @Override
  public String toString() {
    return LinkFormatWriter.write(List.of(this));
  }
}
