package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdfParserMalformedInputTest {
  private final DdfParser parser = new DdfParser();

  private ModelLoadException failure(String xml) {
    return catchThrowableOfType(
        ModelLoadException.class,
        () -> parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "bad.xml"));
  }

  @Test
  void textThatIsNotXmlIsRejectedWithTheFileName() {
    ModelLoadException e = failure("# Not XML\nJust a README.\n");

    assertThat(e).isNotNull();
    assertThat(e.source()).isEqualTo("bad.xml");
    assertThat(e.getMessage()).startsWith("bad.xml:1: not well-formed XML: ");
    assertThat(e.line()).hasValue(1);
  }

  @Test
  void emptyInputIsRejected() {
    assertThat(failure("")).hasMessageStartingWith("bad.xml").hasMessageContaining("not well-formed XML");
  }

  @Test
  void truncatedDocumentIsRejectedWithTheLine() {
    ModelLoadException e = failure("<LWM2M>\n<Object>\n<ObjectID>1</ObjectID>\n");

    assertThat(e).hasMessageContaining("not well-formed XML");
    assertThat(e.line()).isPresent();
  }

  @Test
  void mismatchedTagsAreRejected() {
    assertThat(failure("<LWM2M><Object><ObjectID>1</Object></LWM2M>"))
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void garbageAfterTheRootElementIsRejected() {
    assertThat(failure("<LWM2M><Object><ObjectID>1</ObjectID></Object></LWM2M><extra/>"))
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml =
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE LWM2M [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
            + "<LWM2M><Object><ObjectID>1</ObjectID><Name>&xxe;</Name></Object></LWM2M>";

    ModelLoadException e = failure(xml);

    assertThat(e).isNotNull();
    assertThat(e).hasMessageContaining("DOCTYPE");
    assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
  }

  @Test
  void externalDtdIsNeverFetched() {
    ModelLoadException e =
        failure(
            "<!DOCTYPE LWM2M SYSTEM \"http://127.0.0.1:9/never.dtd\">\n"
                + "<LWM2M><Object><ObjectID>1</ObjectID></Object></LWM2M>");

    assertThat(e).hasMessageContaining("DOCTYPE");
  }

  @Test
  void entityExpansionBombIsRejected() {
    StringBuilder xml = new StringBuilder("<!DOCTYPE LWM2M [ <!ENTITY a0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      xml.append("<!ENTITY a").append(i).append(" \"");
      xml.append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><LWM2M><Object><ObjectID>1</ObjectID><Name>&a9;</Name></Object></LWM2M>");

    assertThat(failure(xml.toString())).hasMessageContaining("DOCTYPE");
  }

  @Test
  void missingObjectIdIsRejectedAtTheObjectLine() {
    ModelLoadException e = failure("<LWM2M>\n  <Object>\n    <Name>Nameless</Name>\n  </Object>\n</LWM2M>");

    assertThat(e).hasMessage("bad.xml:2: <Object> has no <ObjectID>");
  }

  @Test
  void emptyObjectIdIsRejected() {
    assertThat(failure("<LWM2M><Object><ObjectID> </ObjectID></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <Object> has no <ObjectID>");
  }

  @Test
  void objectIdsOutsideTheRangeAreRejected() {
    assertThat(failure("<LWM2M><Object>\n<ObjectID>65535</ObjectID></Object></LWM2M>"))
        .hasMessage("bad.xml:2: <ObjectID> '65535' is not an object id (0..65534)");
    assertThat(failure("<LWM2M><Object><ObjectID>-1</ObjectID></Object></LWM2M>"))
        .hasMessageContaining("<ObjectID> '-1' is not an object id");
    assertThat(failure("<LWM2M><Object><ObjectID>99999999999</ObjectID></Object></LWM2M>"))
        .hasMessageContaining("<ObjectID> '99999999999' is not an object id");
    assertThat(failure("<LWM2M><Object><ObjectID>3303a</ObjectID></Object></LWM2M>"))
        .hasMessageContaining("<ObjectID> '3303a' is not an object id");
  }

  @Test
  void itemWithoutIdIsRejected() {
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>3</ObjectID><Resources>\n"
                    + "<Item><Name>x</Name></Item></Resources></Object></LWM2M>"))
        .hasMessage("bad.xml:2: <Item> of object 3 has no ID attribute");
  }

  @Test
  void resourceIdsOutsideTheRangeAreRejected() {
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>3</ObjectID><Resources>"
                    + "<Item ID=\"65535\"/></Resources></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <Item ID=\"65535\"> of object 3 is not a resource id (0..65534)");
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>3</ObjectID><Resources>"
                    + "<Item ID=\"x1\"/></Resources></Object></LWM2M>"))
        .hasMessageContaining("<Item ID=\"x1\"> of object 3 is not a resource id");
  }

  @Test
  void duplicateResourceIdsAreRejectedNamingBothLines() {
    ModelLoadException e =
        failure(
            """
            <LWM2M><Object>
              <ObjectID>3303</ObjectID>
              <Resources>
                <Item ID="5700"><Type>Float</Type></Item>
                <Item ID="5701"><Type>String</Type></Item>
                <Item ID="5700"><Type>Float</Type></Item>
              </Resources>
            </Object></LWM2M>
            """);

    assertThat(e).hasMessage("bad.xml:6: object 3303 defines resource 5700 twice (first at line 4)");
    assertThat(e.line()).hasValue(6);
  }

  @Test
  void unknownTypeIsRejectedNamingTheResource() {
    ModelLoadException e =
        failure(
            "<LWM2M><Object><ObjectID>3303</ObjectID><Resources>\n"
                + "<Item ID=\"5700\">\n<Type>Flaot</Type></Item></Resources></Object></LWM2M>");

    assertThat(e)
        .hasMessageStartingWith(
            "bad.xml:3: <Type> 'Flaot' of resource 5700 of object 3303 is not a known data type");
  }

  @Test
  void unknownOperationsAreRejected() {
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID><Resources>"
                    + "<Item ID=\"4\"><Operations>X</Operations></Item></Resources></Object></LWM2M>"))
        .hasMessage(
            "bad.xml:1: <Operations> 'X' of resource 4 of object 1 is not one of R, W, RW, E or empty");
  }

  @Test
  void unknownMultiplicityAndMandatoryWordsAreRejected() {
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID>"
                    + "<MultipleInstances>Many</MultipleInstances></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <MultipleInstances> 'Many' of object 1 is neither Multiple nor Single");
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID><Resources>"
                    + "<Item ID=\"2\"><Mandatory>yes</Mandatory></Item></Resources></Object></LWM2M>"))
        .hasMessage(
            "bad.xml:1: <Mandatory> 'yes' of resource 2 of object 1 is neither Mandatory nor Optional");
  }

  @Test
  void malformedVersionsAreRejected() {
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID>"
                    + "<ObjectVersion>v1</ObjectVersion></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <ObjectVersion> 'v1' of object 1 is not a major.minor version");
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID>"
                    + "<LWM2MVersion>1.x</LWM2MVersion></Object></LWM2M>"))
        .hasMessageContaining("<LWM2MVersion> '1.x' of object 1 is not a major.minor version");
  }

  @Test
  void fieldsGivenTwiceAreRejected() {
    assertThat(failure("<LWM2M><Object><ObjectID>1</ObjectID>\n<ObjectID>2</ObjectID></Object></LWM2M>"))
        .hasMessage("bad.xml:2: <ObjectID> appears twice in one <Object>");
    assertThat(
            failure(
                "<LWM2M><Object><ObjectID>1</ObjectID><Resources>"
                    + "<Item ID=\"2\"><Type>Integer</Type><Type>String</Type></Item>"
                    + "</Resources></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <Type> appears twice in one <Item>");
    assertThat(failure("<LWM2M><Object><ObjectID>1</ObjectID><Resources/><Resources/></Object></LWM2M>"))
        .hasMessage("bad.xml:1: <Resources> appears twice in one <Object>");
  }

  @Test
  void sameObjectVersionTwiceInOneDocumentIsRejected() {
    assertThat(
            failure(
                "<LWM2M>\n<Object><ObjectID>1</ObjectID></Object>\n"
                    + "<Object><ObjectID>1</ObjectID><ObjectVersion>1.0</ObjectVersion></Object></LWM2M>"))
        .hasMessage("bad.xml:3: object 1 version 1.0 is defined twice (first at line 2)");
  }

  @Test
  void unreadableFileIsReportedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("missing.xml");

    assertThatThrownBy(() -> parser.parse(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(missing + ": cannot be read: ");
  }

  @Test
  void failingStreamIsReportedAsUnreadable() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };

    assertThatThrownBy(() -> parser.parse(failing, "stream.xml"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("stream.xml: cannot be read: ")
        .hasMessageContaining("disk on fire");
  }
}
