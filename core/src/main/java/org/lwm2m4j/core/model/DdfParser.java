package org.lwm2m4j.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads object definitions from OMA DDF XML, the format of the OMNA LwM2M registry files
 * ({@code LWM2M.xsd} and {@code LWM2M-v1_1.xsd} alike).
 *
 * <p>Parsing is by element name, so element order does not matter and unknown elements are
 * ignored. Texts (plain or CDATA) are stripped of surrounding white space. Absent or empty
 * {@code ObjectVersion} and {@code LWM2MVersion} mean 1.0, empty {@code Operations} means {@link
 * Operations#NONE}, empty {@code Type} means {@link ResourceType#NONE}, and absent {@code
 * MultipleInstances} / {@code Mandatory} mean Single / Optional; their words are matched ignoring
 * case. {@code Object} elements whose {@code ObjectType} attribute is present and not {@code
 * MODefinition} (the registry's {@code Common.xml}) are skipped, and documents whose root is not
 * {@code LWM2M} (the registry's {@code DDF.xml} index, schemas, unit lists) hold no models.
 *
 * <p>Anything else that is wrong — XML that is not well-formed, a missing {@code ObjectID}, an id
 * outside 0..65534, an unknown type or operation, a resource or field given twice — is a {@link
 * ModelLoadException} naming the source and line.
 *
 * <p>Document type declarations are refused outright, so neither external entities (XXE) nor
 * entity-expansion bombs can reach the parser. Instances are stateless and thread-safe.
 */
public final class DdfParser {
  public DdfParser() {}

  /**
   * Parses the object definitions of one file.
   *
   * @param file a DDF XML file; its path names it in error messages
   * @return the definitions in document order; empty for documents that hold none
   * @throws ModelLoadException if the file cannot be read or is not a valid DDF document
   */
  public List<ObjectModel> parse(Path file) throws ModelLoadException {
    Objects.requireNonNull(file, "file");
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, source);
    } catch (IOException e) {
      throw new ModelLoadException(source, 0, "cannot be read: " + e, e);
    }
  }

  /**
   * Parses the object definitions of one document. The stream is read but not closed.
   *
   * @param in the XML bytes; the encoding is taken from the XML declaration (UTF-8 by default)
   * @param sourceName what error messages call the document, typically its file name
   * @return the definitions in document order; empty for documents that hold none
   * @throws ModelLoadException if the document is not a valid DDF document
   */
  public List<ObjectModel> parse(InputStream in, String sourceName) throws ModelLoadException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    XMLStreamReader reader = null;
    try {
      reader = secureFactory().createXMLStreamReader(in);
      return new DdfDocumentReader(reader, sourceName).document();
    } catch (XMLStreamException e) {
      throw notWellFormed(sourceName, e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // Closing releases parser buffers only; the outcome of the parse is already decided.
        }
      }
    }
  }

  /**
   * A fresh factory per document: the JDK does not promise that a configured factory may be used
   * from several threads, and creating the built-in one involves no service lookup.
   */
  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resource " + systemId + " refused");
        });
    return factory;
  }

  private static ModelLoadException notWellFormed(String source, XMLStreamException e) {
    if (e.getNestedException() instanceof IOException io) {
      return new ModelLoadException(source, 0, "cannot be read: " + io, e);
    }
    int line = e.getLocation() != null ? e.getLocation().getLineNumber() : 0;
    String message = String.valueOf(e.getMessage());
    // The JDK prefixes its message with "ParseError at [row,col]:[l,c]\nMessage: "; the line is
    // reported separately, so keep only the explanation.
    int start = message.indexOf("Message: ");
    String detail = start >= 0 ? message.substring(start + "Message: ".length()) : message;
    return new ModelLoadException(source, line, "not well-formed XML: " + detail.strip(), e);
  }
}
