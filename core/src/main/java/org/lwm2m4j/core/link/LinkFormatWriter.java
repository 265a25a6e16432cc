package org.lwm2m4j.core.link;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes links in CoRE Link Format (content format 40) the compact way LwM2M examples show them:
 * no whitespace, parameters in their order, a value quoted only when it is not a token, except
 * for the parameters whose values are always quoted strings ({@code rt}, {@code if}, {@code uri},
 * {@code anchor}, {@code title}). So
 * {@code </>;rt="oma.lwm2m";ct="60 110 112 11542 11543",</1/0>,</3/0>}, {@code </1>;ver=1.1} and
 * {@code </3/0/7>;dim=2;pmin=10} come out exactly as in the spec. Inside quotes, {@code "} and
 * {@code \} are escaped with a backslash.
 *
 * <p>A link without target (the LwM2M 1.0 {@code lwm2m="1.0"} element) is written bare, values
 * quoted as 1.0 clients wrote them; it may only come first. Whatever this writer produces, {@link
 * LinkFormatParser} reads back to equal links. Stateless and thread-safe.
 */
public final class LinkFormatWriter {
  private static final Set<String> ALWAYS_QUOTED = Set.of("rt", "if", "uri", "anchor", "title");

  private LinkFormatWriter() {}

  /**
   * {@code links} in link format, separated by commas; the empty string for no links.
   *
   * @throws IllegalArgumentException if a link without target is not the first one
   */
  public static String write(List<Link> links) {
    StringBuilder out = new StringBuilder(links.size() * 12);
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      if (i > 0) {
        if (!link.hasTarget()) {
          throw new IllegalArgumentException("a link without target can only come first, found one at index " + i);
        }
        out.append(',');
      }
      appendLink(out, link);
    }
    return out.toString();
  }

  private static void appendLink(StringBuilder out, Link link) {
    boolean bare = !link.hasTarget();
    if (!bare) {
      out.append('<').append(link.target()).append('>');
    }
    List<LinkAttribute> attributes = link.attributes();
    for (int i = 0; i < attributes.size(); i++) {
      if (!bare || i > 0) {
        out.append(';');
      }
      appendAttribute(out, attributes.get(i), bare);
    }
  }

  /** {@code name}, {@code name=token} or {@code name="quoted"}; {@code forceQuotes} quotes any value. */
  static void appendAttribute(StringBuilder out, LinkAttribute attribute, boolean forceQuotes) {
    out.append(attribute.name());
    if (attribute.value().isEmpty()) {
      return;
    }
    String value = attribute.value().get();
    out.append('=');
    boolean quote = forceQuotes || !LinkSyntax.isToken(value) || ALWAYS_QUOTED.contains(attribute.name().toLowerCase(Locale.ROOT));
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
