package org.lwm2m4j.app.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadCommandsTest {
  private static final String DEVICE_TLV =
      "C800144F70656E204D6F62696C6520416C6C69616E6365"
      + "C801164C69676874776569676874204D324D20436C69656E74"
      + "C80209333435303030313233"
      + "C303312E30"
      + "8606410001410105"
      + "88070842000ED842011388"
      + "870841007D42010384"
      + "C10964"
      + "C10A0F"
      + "830B410000"
      + "C40D5182428F"
      + "C60E2B30323A3030"
      + "C11055";

  private static final String DEVICE_SENML =
      "[{\"n\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"},{\"n\":\"/3/0/1\",\"vs\":\"Lightweight M2M Client\"},"
          + "{\"n\":\"/3/0/2\",\"vs\":\"345000123\"},{\"n\":\"/3/0/3\",\"vs\":\"1.0\"},"
          + "{\"n\":\"/3/0/6/0\",\"v\":1},{\"n\":\"/3/0/6/1\",\"v\":5},{\"n\":\"/3/0/7/0\",\"v\":3800},"
          + "{\"n\":\"/3/0/7/1\",\"v\":5000},{\"n\":\"/3/0/8/0\",\"v\":125},{\"n\":\"/3/0/8/1\",\"v\":900},"
          + "{\"n\":\"/3/0/9\",\"v\":100},{\"n\":\"/3/0/10\",\"v\":15},{\"n\":\"/3/0/11/0\",\"v\":0},"
          + "{\"n\":\"/3/0/13\",\"v\":1367491215},{\"n\":\"/3/0/14\",\"vs\":\"+02:00\"},{\"n\":\"/3/0/16\",\"vs\":\"U\"}]";

  @Test
  void helpListsThePayloadTools() {
    CliRun run = CliRun.run("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("decode").contains("encode").contains("server");
  }

  @Test
  void decodesTheSpecDeviceTlvAsSortedLeafRecords() {
    assertThat(DEVICE_TLV).hasSize(121 * 2);
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/0", "--hex", DEVICE_TLV);
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo(DEVICE_SENML);
  }

  @Test
  void encodesDecodedRecordsBackToTheSameTlv() {
    CliRun run = CliRun.withStdin(DEVICE_SENML, "encode", "--format", "tlv", "--path", "/3/0");
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualToIgnoringCase(DEVICE_TLV);
  }

  /** Spec examples of data-formats.md, one or more per format: decode, then encode the output back. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "tlv,        /3/0/7,    8807084200 0ED842011388",
    "tlv,        /1,        08000FC10001C40100015180C10601C10755",
    "tlv,        /3/0/7/1,  42011388",
    "tlv,        /3303/0/5700, E41644 41B40000",
    "senml-cbor, /3/0/9,    81A2216 62F332F302F39021864",
    "senml-cbor, /3/0,      83A321652F332F302F0061300364 4F70656EA2006139021864A200623133021A6553F100",
    "lwm2m-cbor, /3/0/0,    A18303000074 4F70656E204D6F62696C6520416C6C69616E6365",
    "lwm2m-cbor, /3/0/6,    A183030006A20001 0105",
    "lwm2m-cbor, /3/0,      A1820300A200644F70656E091864",
    "text,       /3/0/9,    313030",
    "text,       /3/0/13,   31333637343931323135",
    "opaque,     /5/0/0,    0102030405",
    "cbor,       /3303/0/5700, FA41B40000",
    "cbor,       /3/0/0,    644F70656E",
  })
  void specExamplesRoundTripThroughDecodeAndEncode(String format, String path, String hex) {
    String payload = hex.replace(" ", "");
    CliRun decoded = CliRun.run("decode", "--format", format, "--path", path, "--hex", payload);
    assertThat(decoded.err()).isEmpty();
    assertThat(decoded.status()).isZero();
    CliRun encoded = CliRun.withStdin(decoded.out(), "encode", "--format", format, "--path", path);
    assertThat(encoded.err()).isEmpty();
    assertThat(encoded.out()).isEqualToIgnoringCase(payload);
  }

  @Test
  void senmlJsonSpecExampleRoundTrips() {
    String spec = "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},{\"n\":\"9\",\"v\":100}]";
    String hex = HexFormat.of().formatHex(spec.getBytes(StandardCharsets.UTF_8));
    CliRun decoded = CliRun.run("decode", "--format", "senml-json", "--path", "/3/0", "--hex", hex);
    assertThat(decoded.out()).isEqualTo("[{\"n\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"},{\"n\":\"/3/0/9\",\"v\":100}]");
    CliRun encoded = CliRun.withStdin(decoded.out(), "encode", "--format", "senml-json", "--path", "/3/0");
    assertThat(new String(HexFormat.of().parseHex(encoded.out()), StandardCharsets.UTF_8)).isEqualTo(spec);
  }

  @Test
  void lwm2mJsonSpecExampleRoundTrips() {
    String spec = "{\"bn\":\"/3/0/0\",\"e\":[{\"sv\":\"Open Mobile Alliance\"}]}";
    String hex = HexFormat.of().formatHex(spec.getBytes(StandardCharsets.UTF_8));
    CliRun decoded = CliRun.run("decode", "--format", "lwm2m-json", "--path", "/3/0/0", "--hex", hex);
    assertThat(decoded.out()).isEqualTo("[{\"n\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"}]");
    CliRun encoded = CliRun.withStdin(decoded.out(), "encode", "--format", "lwm2m-json", "--path", "/3/0/0");
    assertThat(new String(HexFormat.of().parseHex(encoded.out()), StandardCharsets.UTF_8)).isEqualTo(spec);
  }

  @Test
  void linkFormatRoundTripsThroughItsJsonView() {
    String register = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</3303>;ver=1.1";
    String hex = HexFormat.of().formatHex(register.getBytes(StandardCharsets.UTF_8));
    CliRun decoded = CliRun.run("decode", "--format", "link", "--hex", hex);
    assertThat(decoded.status()).isZero();
    assertThat(decoded.out()).isEqualTo("[{\"target\":\"/\",\"attributes\":{\"rt\":\"oma.lwm2m\",\"ct\":\"60 110 112 11542 11543\"}},"
        + "{\"target\":\"/1/0\",\"attributes\":{}},{\"target\":\"/3/0\",\"attributes\":{}},"
        + "{\"target\":\"/3303\",\"attributes\":{\"ver\":\"1.1\"}}]");
    CliRun encoded = CliRun.withStdin(decoded.out(), "encode", "--format", "link");
    assertThat(new String(HexFormat.of().parseHex(encoded.out()), StandardCharsets.UTF_8)).isEqualTo(register);
  }

  @Test
  void truncatedTlvExitsWithStatusTwoAndTheOffset() {
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/0", "--hex", "C80014 4F70");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("\n").contains("decode:").contains("byte");
  }

  @Test
  void valueOfTheWrongTypeForTheModelExitsWithStatusTwo() {
    CliRun run = CliRun.withStdin("[{\"n\":\"/3/0/9\",\"vs\":\"full\"}]", "encode", "--format", "tlv", "--path", "/3/0");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("/3/0/9");
  }

  @Test
  void unknownResourceExitsWithStatusTwo() {
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/0", "--hex", "C1FE01");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("254");
  }

  @Test
  void badHexNamesTheCharacter() {
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/0", "--hex", "C8ZZ");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("'Z'").contains("character 2");
  }

  @Test
  void unknownFormatListsTheKnownOnes() {
    CliRun run = CliRun.run("decode", "--format", "xml", "--path", "/3/0", "--hex", "00");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("tlv").contains("senml-cbor");
  }

  @Test
  void badPathExitsWithStatusTwo() {
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/x", "--hex", "00");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("/3/x");
  }

  @Test
  void textCannotCarryAnObjectInstance() {
    CliRun run = CliRun.run("decode", "--format", "text", "--path", "/3/0", "--hex", "313030");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("/3/0");
  }

  @Test
  void malformedSenmlOnStdinExitsWithStatusTwo() {
    CliRun run = CliRun.withStdin("[{\"n\":\"/3/0/9\",", "encode", "--format", "tlv", "--path", "/3/0");
    assertThat(run.status()).isEqualTo(2);
  }

  @Test
  void modelsDirAddsObjectsBeyondTheBundledOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("42800.xml"), """
        <LWM2M><Object ObjectType="MODefinition"><Name>Test</Name><ObjectID>42800</ObjectID>
        <MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Resources>
        <Item ID="1"><Name>Count</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>
        <Mandatory>Mandatory</Mandatory><Type>Integer</Type></Item></Resources></Object></LWM2M>
        """);
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/42800/0", "--hex", "C10107",
        "--models-dir", dir.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("[{\"n\":\"/42800/0/1\",\"v\":7}]");
  }

  @Test
  void modelsDirReplacesABundledObjectVersion(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // A Device 1.2 whose Manufacturer (/3/0/0) is an Integer: the bundled 1.2 says String.
    java.nio.file.Files.writeString(dir.resolve("3.xml"), """
        <LWM2M><Object ObjectType="MODefinition"><Name>My Device</Name><ObjectID>3</ObjectID>
        <ObjectVersion>1.2</ObjectVersion><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory>
        <Resources><Item ID="0"><Name>Manufacturer</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>
        <Mandatory>Optional</Mandatory><Type>Integer</Type></Item></Resources></Object></LWM2M>
        """);
    CliRun run = CliRun.run("decode", "--format", "tlv", "--path", "/3/0", "--hex", "C10007", "--models-dir", dir.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("[{\"n\":\"/3/0/0\",\"v\":7}]");
  }
}
