package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdfParserTest {
  private final DdfParser parser = new DdfParser();

  static List<ObjectModel> parse(String xml) throws ModelLoadException {
    return new DdfParser()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
  }

  static ObjectModel parseOne(String xml) throws ModelLoadException {
    List<ObjectModel> models = parse(xml);
    assertThat(models).hasSize(1);
    return models.get(0);
  }

  @Test
  void readsEveryFieldOfAVersion11Definition() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:noNamespaceSchemaLocation="http://www.openmobilealliance.org/tech/profiles/LWM2M-v1_1.xsd">
              <Object ObjectType="MODefinition">
                <Name>Temperature</Name>
                <Description1><![CDATA[  A <b>thermometer</b>.
                  ]]></Description1>
                <ObjectID>3303</ObjectID>
                <ObjectURN>urn:oma:lwm2m:ext:3303:1.1</ObjectURN>
                <LWM2MVersion>1.0</LWM2MVersion>
                <ObjectVersion>1.1</ObjectVersion>
                <MultipleInstances>Multiple</MultipleInstances>
                <Mandatory>Optional</Mandatory>
                <Resources>
                  <Item ID="5700">
                    <Name>Sensor Value</Name>
                    <Operations>R</Operations>
                    <MultipleInstances>Single</MultipleInstances>
                    <Mandatory>Mandatory</Mandatory>
                    <Type>Float</Type>
                    <RangeEnumeration>-40..85</RangeEnumeration>
                    <Units>Cel</Units>
                    <Description><![CDATA[Last measured value.]]></Description>
                  </Item>
                  <Item ID="5605">
                    <Name>Reset Min and Max Measured Values</Name>
                    <Operations>E</Operations>
                    <MultipleInstances>Single</MultipleInstances>
                    <Mandatory>Optional</Mandatory>
                    <Type></Type>
                    <RangeEnumeration></RangeEnumeration>
                    <Units></Units>
                    <Description></Description>
                  </Item>
                </Resources>
                <Description2></Description2>
              </Object>
            </LWM2M>
            """);

    assertThat(model.id()).isEqualTo(3303);
    assertThat(model.name()).isEqualTo("Temperature");
    assertThat(model.description()).isEqualTo("A <b>thermometer</b>.");
    assertThat(model.urn()).isEqualTo("urn:oma:lwm2m:ext:3303:1.1");
    assertThat(model.version()).isEqualTo(Version.V1_1);
    assertThat(model.lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(model.multiple()).isTrue();
    assertThat(model.mandatory()).isFalse();
    assertThat(model.resources())
        .containsExactly(
            new ResourceModel(
                5605,
                "Reset Min and Max Measured Values",
                Operations.E,
                false,
                false,
                ResourceType.NONE,
                "",
                "",
                ""),
            new ResourceModel(
                5700,
                "Sensor Value",
                Operations.R,
                false,
                true,
                ResourceType.FLOAT,
                "-40..85",
                "Cel",
                "Last measured value."));
  }

  @Test
  void absentOrEmptyFieldsTakeTheirDefaults() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            """
            <LWM2M>
              <Object ObjectType="MODefinition">
                <ObjectID>42</ObjectID>
                <ObjectVersion/>
                <LWM2MVersion>  </LWM2MVersion>
                <Resources>
                  <Item ID="0"><Operations/><Type/></Item>
                  <Item ID="1"/>
                </Resources>
              </Object>
            </LWM2M>
            """);

    assertThat(model.name()).isEmpty();
    assertThat(model.description()).isEmpty();
    assertThat(model.version()).isEqualTo(Version.V1_0);
    assertThat(model.lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(model.urn()).isEqualTo("urn:oma:lwm2m:oma:42");
    assertThat(model.multiple()).isFalse();
    assertThat(model.mandatory()).isFalse();
    assertThat(model.resources())
        .containsExactly(
            ResourceModel.of(0, "", Operations.NONE, false, false, ResourceType.NONE),
            ResourceModel.of(1, "", Operations.NONE, false, false, ResourceType.NONE));
  }

  @Test
  void flagWordsAndTypeNamesAreMatchedIgnoringCaseAndBlanks() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            """
            <LWM2M><Object ObjectType="MODefinition">
              <ObjectID> 7 </ObjectID>
              <MultipleInstances>multiple</MultipleInstances>
              <Mandatory>MANDATORY</Mandatory>
              <Resources>
                <Item ID=" 3 ">
                  <Operations> rw </Operations>
                  <MultipleInstances>
                    MULTIPLE
                  </MultipleInstances>
                  <Mandatory>optional</Mandatory>
                  <Type>unsigned integer</Type>
                </Item>
                <Item ID="4"><Type>CORELNK</Type></Item>
              </Resources>
            </Object></LWM2M>
            """);

    assertThat(model.id()).isEqualTo(7);
    assertThat(model.multiple()).isTrue();
    assertThat(model.mandatory()).isTrue();
    ResourceModel three = model.resource(3).orElseThrow();
    assertThat(three.operations()).isEqualTo(Operations.RW);
    assertThat(three.multiple()).isTrue();
    assertThat(three.mandatory()).isFalse();
    assertThat(three.type()).isEqualTo(ResourceType.UNSIGNED_INTEGER);
    assertThat(model.resource(4).orElseThrow().type()).isEqualTo(ResourceType.CORELNK);
  }

  @Test
  void elementsAreFoundByNameInAnyOrderAndUnknownOnesAreIgnored() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            """
            <LWM2M>
              <Vendor><ObjectID>99</ObjectID></Vendor>
              <Object>
                <Resources>
                  <Note>not a resource</Note>
                  <Item ID="1">
                    <Type>Integer</Type>
                    <Extra><Name>ignored</Name></Extra>
                    <Name>Count</Name>
                  </Item>
                </Resources>
                <Submitter>someone</Submitter>
                <ObjectID>1234</ObjectID>
                <Name>Counter</Name>
              </Object>
            </LWM2M>
            """);

    assertThat(model.id()).isEqualTo(1234);
    assertThat(model.name()).isEqualTo("Counter");
    assertThat(model.resources())
        .containsExactly(ResourceModel.of(1, "Count", Operations.NONE, false, false, ResourceType.INTEGER));
  }

  @Test
  void descriptionsKeepTheTextOfNestedMarkupAndJoinBothParts() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            """
            <LWM2M><Object>
              <ObjectID>10</ObjectID>
              <Description1>First <i>part</i> &amp; more</Description1>
              <Description2><![CDATA[Second]]> part</Description2>
            </Object></LWM2M>
            """);

    assertThat(model.description()).isEqualTo("First part & more\n\nSecond part");
  }

  @Test
  void keepsTheInnerSpacesOfNames() throws ModelLoadException {
    ObjectModel model =
        parseOne(
            "<LWM2M><Object><ObjectID>0</ObjectID><Resources><Item ID=\"0\">"
                + "<Name> LWM2M  Server URI </Name></Item></Resources></Object></LWM2M>");

    assertThat(model.resource(0).orElseThrow().name()).isEqualTo("LWM2M  Server URI");
  }

  @Test
  void readsSeveralObjectsOfOneDocumentInOrder() throws ModelLoadException {
    List<ObjectModel> models =
        parse(
            """
            <LWM2M>
              <Object><ObjectID>20</ObjectID></Object>
              <Object><ObjectID>10</ObjectID></Object>
              <Object><ObjectID>20</ObjectID><ObjectVersion>1.1</ObjectVersion></Object>
            </LWM2M>
            """);

    assertThat(models).extracting(ObjectModel::id).containsExactly(20, 10, 20);
    assertThat(models)
        .extracting(ObjectModel::version)
        .containsExactly(Version.V1_0, Version.V1_0, Version.V1_1);
  }

  @Test
  void skipsObjectsThatAreNotDefinitions() throws ModelLoadException {
    List<ObjectModel> models =
        parse(
            """
            <LWM2M>
              <Object ObjectType="CommonResources">
                <Resources>
                  <Item ID="4000"><Name>ObjectInstanceHandle</Name><Type>Objlnk</Type></Item>
                </Resources>
              </Object>
              <Object ObjectType=" modefinition "><ObjectID>5</ObjectID></Object>
            </LWM2M>
            """);

    assertThat(models).extracting(ObjectModel::id).containsExactly(5);
  }

  @Test
  void documentsWithAnotherRootHoldNoModels() throws ModelLoadException {
    assertThat(parse("<DDFList><Item><ObjectID>0</ObjectID></Item></DDFList>")).isEmpty();
    assertThat(parse("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>")).isEmpty();
  }

  @Test
  void decodesTheEncodingTheDeclarationNames() throws ModelLoadException {
    String xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
            + "<LWM2M><Object><ObjectID>9</ObjectID><Name>Zähler</Name></Object></LWM2M>";

    List<ObjectModel> models =
        parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)), "latin1.xml");

    assertThat(models.get(0).name()).isEqualTo("Zähler");
  }
}
