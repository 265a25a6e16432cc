package org.lwm2m4j.core.codec.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.senml.SenmlCborCodec;
import org.lwm2m4j.core.codec.single.CborValueCodec;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * What the three CBOR-based formats accept and refuse, item by item: CBOR (60), SenML CBOR (112)
 * and LwM2M CBOR (11544). The expected column holds the decoded value as text ({@code
 * Value#toText}, Opaque in base64) or {@code X} for a refusal, which must be a {@link
 * CodecException} (4.00). The table pins the behaviour as it was before the formats shared one
 * reader; where they differ (tags, decimal fractions, whole floats for integers) that is how they
 * were.
 */
class CborStrictnessTableTest {
  private static final String REJECTED = "X";

  private final CborValueCodec cbor = new CborValueCodec();
  private final SenmlCborCodec senml = new SenmlCborCodec();
  private final LwM2mCborCodec lwm2m = new LwM2mCborCodec();

  /** One data item as the value of the single resource of {@code type} in object 9999, in each format. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // type     | item                                   | CBOR                 | SenML CBOR           | LwM2M CBOR
      "INTEGER    | 00                                     | 0                    | 0                    | 0",
      "INTEGER    | 17                                     | 23                   | 23                   | 23",
      "INTEGER    | 18 05                                  | 5                    | 5                    | 5",
      "INTEGER    | 19 00 05                               | 5                    | 5                    | 5",
      "INTEGER    | 1A 00 00 00 05                         | 5                    | 5                    | 5",
      "INTEGER    | 1B 00 00 00 00 00 00 00 05             | 5                    | 5                    | 5",
      "INTEGER    | 1B 7F FF FF FF FF FF FF FF             | 9223372036854775807  | 9223372036854775807  | 9223372036854775807",
      "INTEGER    | 1B 80 00 00 00 00 00 00 00             | X                    | X                    | X",
      "INTEGER    | 3B 7F FF FF FF FF FF FF FF             | -9223372036854775808 | -9223372036854775808 | -9223372036854775808",
      "INTEGER    | 3B 80 00 00 00 00 00 00 00             | X                    | X                    | X",
      "INTEGER    | 1C                                     | X                    | X                    | X",
      "INTEGER    | 1D                                     | X                    | X                    | X",
      "INTEGER    | 1E                                     | X                    | X                    | X",
      "INTEGER    | 1F                                     | X                    | X                    | X",
      "INTEGER    | 3F                                     | X                    | X                    | X",
      "INTEGER    | 18                                     | X                    | X                    | X",
      "INTEGER    | 1B 00 00                               | X                    | X                    | X",
      "INTEGER    | F9 3C 00                               | X                    | 1                    | 1",
      "INTEGER    | F9 3E 00                               | X                    | X                    | X",
      "INTEGER    | FA 4F 00 00 00                         | X                    | 2147483648           | 2147483648",
      "INTEGER    | C2 41 01                               | X                    | X                    | X",
      "INTEGER    | C3 41 01                               | X                    | X                    | X",
      "INTEGER    | C1 05                                  | X                    | 5                    | 5",
      "INTEGER    | C1 C1 05                               | X                    | X                    | X",
      "INTEGER    | C4 82 01 05                            | X                    | 50                   | 50",
      "INTEGER    | D9 D9 F7 05                            | 5                    | X                    | X",
      "INTEGER    | D9 D9 F7 D9 D9 F7 D9 D9 F7 05          | 5                    | X                    | X",
      "INTEGER    | D9 D9 F7 D9 D9 F7 D9 D9 F7 D9 D9 F7 05 | X                    | X                    | X",
      "INTEGER    | DB 00 00 00 00 00 00 D9 F7 05          | 5                    | X                    | X",
      "INTEGER    | DF 05                                  | X                    | X                    | X",
      "INTEGER    | F6                                     | X                    | X                    | X",
      "INTEGER    | F7                                     | X                    | X                    | X",
      "INTEGER    | F0                                     | X                    | X                    | X",
      "INTEGER    | F8 10                                  | X                    | X                    | X",
      "INTEGER    | F8 20                                  | X                    | X                    | X",
      "INTEGER    | F5                                     | X                    | X                    | X",
      "INTEGER    | FF                                     | X                    | X                    | X",
      "INTEGER    | 80                                     | X                    | X                    | X",
      "INTEGER    | 9F FF                                  | X                    | X                    | X",
      "INTEGER    | A0                                     | X                    | X                    | X",
      "INTEGER    | 61 35                                  | X                    | X                    | X",
      "INTEGER    | 41 05                                  | X                    | X                    | X",
      "UNSIGNED_INTEGER | 1B FF FF FF FF FF FF FF FF       | 18446744073709551615 | 18446744073709551615 | 18446744073709551615",
      "UNSIGNED_INTEGER | 18 C8                            | 200                  | 200                  | 200",
      "UNSIGNED_INTEGER | 20                               | X                    | X                    | X",
      "UNSIGNED_INTEGER | 3B FF FF FF FF FF FF FF FF       | X                    | X                    | X",
      "FLOAT      | F9 3C 00                               | 1.0                  | 1.0                  | 1.0",
      "FLOAT      | F9 00 01                               | 0.000000059604644775390625 | 0.000000059604644775390625 | 0.000000059604644775390625",
      "FLOAT      | F9 80 00                               | -0.0                 | -0.0                 | -0.0",
      "FLOAT      | F9 7C 00                               | Infinity             | Infinity             | Infinity",
      "FLOAT      | F9 FC 00                               | -Infinity            | -Infinity            | -Infinity",
      "FLOAT      | F9 7E 00                               | NaN                  | NaN                  | NaN",
      "FLOAT      | F9 7E 01                               | NaN                  | NaN                  | NaN",
      "FLOAT      | FA 41 B4 00 00                         | 22.5                 | 22.5                 | 22.5",
      "FLOAT      | FA 7F C0 00 01                         | NaN                  | NaN                  | NaN",
      "FLOAT      | FB 3F B9 99 99 99 99 99 9A             | 0.1                  | 0.1                  | 0.1",
      "FLOAT      | FB 3F B9 99 99                         | X                    | X                    | X",
      "FLOAT      | 18 64                                  | 100.0                | 100.0                | 100.0",
      "FLOAT      | 1B FF FF FF FF FF FF FF FF             | 18446744073709552000 | 18446744073709552000 | 18446744073709552000",
      "FLOAT      | 3B FF FF FF FF FF FF FF FF             | -18446744073709552000 | -18446744073709552000 | -18446744073709552000",
      "FLOAT      | C4 82 21 19 6A B3                      | 273.15               | 273.15               | 273.15",
      "FLOAT      | C4 98 02 21 19 6A B3                   | X                    | 273.15               | 273.15",
      "FLOAT      | C4 9F 21 19 6A B3 FF                   | X                    | X                    | X",
      "FLOAT      | C4 83 21 01 01                         | X                    | X                    | X",
      "FLOAT      | C4 81 21                               | X                    | X                    | X",
      "FLOAT      | C4 82 21 C2 41 80                      | X                    | X                    | X",
      "FLOAT      | C4 82 21 F9 3C 00                      | X                    | X                    | X",
      "FLOAT      | C4 82 D8 20 01 01                      | X                    | X                    | X",
      "FLOAT      | C4 82 1B 00 00 00 00 00 00 00 01 05    | 50.0                 | 50.0                 | 50.0",
      "FLOAT      | C4 82 1A 00 0F 42 40 00                | 0.0                  | 0.0                  | 0.0",
      "FLOAT      | C4 82 1A 00 0F 42 41 00                | 0.0                  | X                    | X",
      "FLOAT      | C4 82 3A 7F FF FF FE 01                | 0.0                  | X                    | X",
      "FLOAT      | C4 82 3A 7F FF FF FF 01                | X                    | X                    | X",
      "FLOAT      | C4 82 1A 7F FF FF FF 01                | X                    | X                    | X",
      "FLOAT      | C4 82 1A 80 00 00 00 00                | X                    | X                    | X",
      "FLOAT      | C4 82 00 1B 7F FF FF FF FF FF FF FF    | 9223372036854776000 | 9223372036854776000 | 9223372036854776000",
      "FLOAT      | C4 82 00 3B 7F FF FF FF FF FF FF FE    | -9223372036854776000 | -9223372036854776000 | -9223372036854776000",
      "FLOAT      | C4 82 00 3B 7F FF FF FF FF FF FF FF    | X                    | -9223372036854776000 | -9223372036854776000",
      "FLOAT      | C4 82 00 1B FF FF FF FF FF FF FF FF    | X                    | 18446744073709552000 | 18446744073709552000",
      "FLOAT      | D9 D9 F7 C4 82 20 0F                   | 1.5                  | X                    | X",
      "FLOAT      | C4 D9 D9 F7 82 20 0F                   | 1.5                  | X                    | X",
      "FLOAT      | C4 C4 82 20 0F                         | X                    | X                    | X",
      "FLOAT      | C1 FA 41 B4 00 00                      | X                    | 22.5                 | 22.5",
      "FLOAT      | C4 82 20                               | X                    | X                    | X",
      "TIME       | 1A 65 53 F1 00                         | 1700000000           | 1700000000           | 1700000000",
      "TIME       | C1 1A 65 53 F1 00                      | 1700000000           | 1700000000           | 1700000000",
      "TIME       | C1 F9 3C 00                            | 1                    | 1                    | 1",
      "TIME       | C1 FA BF C0 00 00                      | -2                   | X                    | X",
      "TIME       | C1 F9 7E 00                            | X                    | X                    | X",
      "TIME       | C1 FB 7F F0 00 00 00 00 00 00          | X                    | X                    | X",
      "TIME       | C1 FB 41 D9 54 FC 40 30 00 00          | 1700000000           | X                    | X",
      "TIME       | FA 3F C0 00 00                         | X                    | X                    | X",
      "TIME       | FA 3F 80 00 00                         | X                    | 1                    | 1",
      "TIME       | 3B 7F FF FF FF FF FF FF FF             | -9223372036854775808 | -9223372036854775808 | -9223372036854775808",
      "TIME       | C1 3B 7F FF FF FF FF FF FF FF          | X                    | -9223372036854775808 | -9223372036854775808",
      "TIME       | C1 3B 7F FF FF FF FF FF FF FE          | -9223372036854775807 | -9223372036854775807 | -9223372036854775807",
      "TIME       | C1 1B 80 00 00 00 00 00 00 00          | X                    | X                    | X",
      "TIME       | C0 74 32 30 32 33 2D 31 31 2D 31 34 54 32 32 3A 31 33 3A 32 30 5A | 1700000000 | X  | X",
      "TIME       | C0 7F 6A 32 30 32 33 2D 31 31 2D 31 34 6A 54 32 32 3A 31 33 3A 32 30 5A FF | 1700000000 | X | X",
      "TIME       | C0 01                                  | X                    | X                    | X",
      "TIME       | C0 C1 01                               | X                    | X                    | X",
      "TIME       | C1 C0 01                               | X                    | X                    | X",
      "TIME       | D9 D9 F7 C1 1A 65 53 F1 00             | 1700000000           | X                    | X",
      "TIME       | C1 D9 D9 F7 1A 65 53 F1 00             | 1700000000           | X                    | X",
      "TIME       | C1                                     | X                    | X                    | X",
      "STRING     | 64 4F 70 65 6E                         | Open                 | Open                 | Open",
      "STRING     | 78 04 4F 70 65 6E                      | Open                 | Open                 | Open",
      "STRING     | 7B 00 00 00 00 00 00 00 04 4F 70 65 6E | Open                 | Open                 | Open",
      "STRING     | 7F 62 4F 70 62 65 6E FF                | Open                 | Open                 | Open",
      "STRING     | 7F 78 02 4F 70 62 65 6E FF             | Open                 | Open                 | Open",
      "STRING     | 7F FF                                  | ''                   | ''                   | ''",
      "STRING     | 60                                     | ''                   | ''                   | ''",
      "STRING     | 7F 7F FF FF                            | X                    | X                    | X",
      "STRING     | 7F 41 61 FF                            | X                    | X                    | X",
      "STRING     | 7F 61 61                               | X                    | X                    | X",
      "STRING     | 7F 61 61 01 FF                         | X                    | X                    | X",
      "STRING     | 62 C3 A9                               | é                    | é                    | é",
      "STRING     | 64 F0 9F 98 80                         | 😀                   | 😀                   | 😀",
      "STRING     | 62 C0 80                               | X                    | X                    | X",
      "STRING     | 63 ED A0 80                            | X                    | X                    | X",
      "STRING     | 64 F4 90 80 80                         | X                    | X                    | X",
      "STRING     | 61 FF                                  | X                    | X                    | X",
      "STRING     | 62 E2 82                               | X                    | X                    | X",
      "STRING     | 7F 61 C3 61 A9 FF                      | X                    | X                    | X",
      "STRING     | 64 4F 70                               | X                    | X                    | X",
      "STRING     | 7B FF FF FF FF FF FF FF FF             | X                    | X                    | X",
      "STRING     | D8 20 61 61                            | X                    | X                    | X",
      "STRING     | D9 D9 F7 61 61                         | a                    | X                    | X",
      "STRING     | C0 61 61                               | X                    | X                    | X",
      "STRING     | 41 61                                  | X                    | X                    | X",
      "STRING     | 18 64                                  | X                    | X                    | X",
      "STRING     | F6                                     | X                    | X                    | X",
      "CORELNK    | 64 3C 2F 31 3E                         | </1>                 | </1>                 | </1>",
      "OBJLNK     | 64 36 36 3A 30                         | 66:0                 | 66:0                 | 66:0",
      "OBJLNK     | 64 36 36 3A 78                         | X                    | X                    | X",
      "OBJLNK     | 67 36 35 35 33 36 3A 30                | X                    | X                    | X",
      "OPAQUE     | 43 01 02 03                            | AQID                 | AQID                 | AQID",
      "OPAQUE     | 58 03 01 02 03                         | AQID                 | AQID                 | AQID",
      "OPAQUE     | 5F 41 01 42 02 03 FF                   | AQID                 | AQID                 | AQID",
      "OPAQUE     | 5F FF                                  | ''                   | ''                   | ''",
      "OPAQUE     | 40                                     | ''                   | ''                   | ''",
      "OPAQUE     | 5F 5F FF FF                            | X                    | X                    | X",
      "OPAQUE     | 5F 61 61 FF                            | X                    | X                    | X",
      "OPAQUE     | 5F 41 01                               | X                    | X                    | X",
      "OPAQUE     | 5A 00 03 D0 90 00                      | X                    | X                    | X",
      "OPAQUE     | 5B FF FF FF FF FF FF FF FF             | X                    | X                    | X",
      "OPAQUE     | 63 01 02 03                            | X                    | X                    | X",
      "OPAQUE     | F7                                     | X                    | X                    | X",
      "OPAQUE     | C2 41 01                               | X                    | X                    | X",
      "BOOLEAN    | F5                                     | 1                    | 1                    | 1",
      "BOOLEAN    | F4                                     | 0                    | 0                    | 0",
      "BOOLEAN    | 01                                     | X                    | X                    | X",
      "BOOLEAN    | F8 15                                  | X                    | X                    | X",
      "BOOLEAN    | F8 F5                                  | X                    | X                    | X",
      "BOOLEAN    | D9 D9 F7 F5                            | 1                    | X                    | X",
      "BOOLEAN    | F6                                     | X                    | X                    | X",
  })
  void oneItemInEachFormat(ResourceType type, String item, String single, String senmlCbor, String lwm2mCbor) {
    LwM2mPath path = LwM2mPath.of(9999, 0, 2 * type.ordinal());
    assertOutcome(cbor, hex(item), path, single);
    assertOutcome(senml, senmlRecord(path, type, hex(item)), path, senmlCbor);
    assertOutcome(lwm2m, lwm2mEntry(path, hex(item)), path, lwm2mCbor);
  }

  /** Whole CBOR (60) payloads: empty, trailing data, stray items. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty payload              | ''                    | X",
      "trailing byte              | 05 00                 | X",
      "trailing break             | 05 FF                 | X",
      "two items                  | 05 05                 | X",
      "only a tag                 | D9 D9 F7              | X",
      "nesting bomb               | 9F 9F 9F 9F 9F 9F     | X",
      "map of one entry           | A1 00 05              | X",
  })
  void wholeCborPayloads(String what, String payload, String expected) {
    assertOutcome(cbor, hex(payload), LwM2mPath.of(9999, 0, 2), expected);
  }

  /** Whole SenML CBOR packs, decoded at /3/0/9 (Integer). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "plain                      | 81 A2 21 66 2F 33 2F 30 2F 39 02 18 64                               | 100",
      "non-shortest heads         | 98 01 B8 02 38 01 78 06 2F 33 2F 30 2F 39 18 02 18 64                | 100",
      "indefinite pack and record | 9F BF 21 66 2F 33 2F 30 2F 39 02 18 64 FF FF                         | 100",
      "chunked name               | 81 A2 21 7F 63 2F 33 2F 63 30 2F 39 FF 02 18 64                      | 100",
      "name and base name         | 81 A3 21 64 2F 33 2F 30 00 62 2F 39 02 18 64                         | 100",
      "base time and time         | 81 A4 21 66 2F 33 2F 30 2F 39 22 1A 65 53 F1 00 06 01 02 18 64       | 100",
      "version 10                 | 81 A3 20 0A 21 66 2F 33 2F 30 2F 39 02 18 64                         | 100",
      "version 11                 | 81 A3 20 0B 21 66 2F 33 2F 30 2F 39 02 18 64                         | X",
      "unit and sum are skipped   | 81 A4 21 66 2F 33 2F 30 2F 39 01 61 25 05 01 02 18 64                | 100",
      "unknown label skipped      | 81 A3 21 66 2F 33 2F 30 2F 39 18 63 63 61 62 63 02 18 64             | 100",
      "unknown text key skipped   | 81 A3 21 66 2F 33 2F 30 2F 39 61 7A F5 02 18 64                      | 100",
      "undefined in unknown label | 81 A3 21 66 2F 33 2F 30 2F 39 18 63 F7 02 18 64                      | 100",
      "huge label is a text key   | 81 A3 21 66 2F 33 2F 30 2F 39 3B 7F FF FF FF FF FF FF FF 01 02 18 64 | 100",
      "must-understand text key   | 81 A3 21 66 2F 33 2F 30 2F 39 62 7A 5F F5 02 18 64                   | X",
      "simple value in unknown    | 81 A3 21 66 2F 33 2F 30 2F 39 18 63 F8 20 02 18 64                   | X",
      "array in unknown label     | 81 A3 21 66 2F 33 2F 30 2F 39 18 63 81 01 02 18 64                   | X",
      "map in unknown label       | 81 A3 21 66 2F 33 2F 30 2F 39 18 63 A0 02 18 64                      | X",
      "duplicate label            | 81 A3 21 66 2F 33 2F 30 2F 39 02 01 02 02                            | X",
      "duplicate label, two forms | 81 A3 21 66 2F 33 2F 30 2F 39 02 01 18 02 02                         | X",
      "duplicate text key         | 81 A4 21 66 2F 33 2F 30 2F 39 61 7A 01 61 7A 01 02 18 64             | X",
      "two value fields           | 81 A3 21 66 2F 33 2F 30 2F 39 02 01 03 61 78                         | X",
      "tag on the name            | 81 A2 21 C0 66 2F 33 2F 30 2F 39 02 18 64                            | X",
      "text label                 | 81 A2 21 66 2F 33 2F 30 2F 39 61 76 18 64                            | X",
      "key is a byte string       | 81 A2 41 00 66 2F 33 2F 30 2F 39                                     | X",
      "record is not a map        | 81 80                                                                | X",
      "pack is a map              | A1 00 61 30                                                          | X",
      "empty pack                 | 80                                                                   | X",
      "empty payload              | ''                                                                   | X",
      "no break                   | 9F A2 21 66 2F 33 2F 30 2F 39 02 18 64                               | X",
      "record without break       | 81 BF 21 66 2F 33 2F 30 2F 39 02 18 64                               | X",
      "trailing data              | 81 A2 21 66 2F 33 2F 30 2F 39 02 18 64 00                            | X",
      "huge declared count        | 9B 00 00 00 FF FF FF FF FF                                           | X",
      "huge map count             | 81 BB 00 00 00 FF FF FF FF FF                                        | X",
      "break in a definite map    | 81 A2 21 66 2F 33 2F 30 2F 39 FF                                     | X",
      "reserved initial byte      | 81 A2 21 66 2F 33 2F 30 2F 39 02 1C                                  | X",
  })
  void wholeSenmlCborPacks(String what, String payload, String expected) {
    assertOutcome(senml, hex(payload), LwM2mPath.of(3, 0, 9), expected);
  }

  /** Whole LwM2M CBOR payloads, decoded at /3/0/9 (Integer). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "plain                      | A1 83 03 00 09 18 64                                     | 100",
      "non-shortest heads         | B8 01 98 03 18 03 19 00 00 1A 00 00 00 09 18 64           | 100",
      "nested maps                | A1 03 A1 00 A1 09 18 64                                  | 100",
      "mixed keys                 | A1 82 03 00 A1 09 18 64                                  | 100",
      "indefinite map and key     | BF 9F 03 00 09 FF 18 64 FF                               | 100",
      "indefinite inner map       | A1 03 BF 00 A1 09 18 64 FF                               | 100",
      "five ids                   | A1 85 03 00 09 00 00 18 64                               | X",
      "five levels                | A1 03 A1 00 A1 09 A1 00 A1 00 01                         | X",
      "indefinite key too long    | A1 9F 03 00 09 00 00 FF 01                               | X",
      "empty key                  | A1 80 01                                                 | X",
      "empty indefinite key       | A1 9F FF 01                                              | X",
      "negative id                | A1 83 03 00 20 01                                        | X",
      "id 65535                   | A1 83 03 19 FF FF 09 01                                  | X",
      "id beyond 32 bits          | A1 83 03 00 1B 00 00 00 01 00 00 00 09 01                | X",
      "text key                   | A1 61 33 01                                              | X",
      "tagged key                 | A1 C1 83 03 00 09 01                                     | X",
      "tagged id                  | A1 83 03 00 C1 09 01                                     | X",
      "duplicate path             | A2 83 03 00 09 01 83 03 00 09 02                         | X",
      "duplicate path, two forms  | A2 83 03 00 09 01 03 A1 00 A1 09 02                      | X",
      "null value                 | A1 83 03 00 09 F6                                        | X",
      "value on an instance       | A1 82 03 00 01                                           | X",
      "array value                | A1 83 03 00 09 81 01                                     | X",
      "not a map                  | 83 03 00 09                                              | X",
      "empty payload              | ''                                                       | X",
      "trailing data              | A1 83 03 00 09 01 00                                     | X",
      "missing break              | BF 83 03 00 09 01                                        | X",
      "huge map count             | BB 00 00 00 FF FF FF FF FF                               | X",
      "unknown resource           | A1 83 03 00 18 63 01                                     | X",
  })
  void wholeLwm2mCborPayloads(String what, String payload, String expected) {
    assertOutcome(lwm2m, hex(payload), LwM2mPath.of(3, 0, 9), expected);
  }

  private static void assertOutcome(NodeCodec codec, byte[] payload, LwM2mPath path, String expected) {
    String format = codec.format().toString();
    if (expected.equals(REJECTED)) {
      Throwable thrown = catchThrowable(() -> codec.decode(payload, path, LOOKUP));
      assertThat(thrown).as("%s refuses %s", format, HexFormat.of().formatHex(payload)).isInstanceOf(CodecException.class);
      assertThat(((CodecException) thrown).code()).isEqualTo(ResponseCode.BAD_REQUEST);
      return;
    }
    LwM2mNode node = codec.decode(payload, path, LOOKUP);
    assertThat(((SingleResource) node).value().toText()).as("%s decodes %s", format, HexFormat.of().formatHex(payload))
        .isEqualTo(expected);
  }

  /** [{0: name, label: item}] with the value label of {@code type} ("vlo" for object links). */
  private static byte[] senmlRecord(LwM2mPath path, ResourceType type, byte[] item) {
    String label = switch (type) {
      case STRING, CORELNK -> "03";
      case BOOLEAN -> "04";
      case OPAQUE -> "08";
      case OBJLNK -> "63766C6F";
      default -> "02";
    };
    return concat(hex("81 A2 00" + text(path.toString()) + label), item);
  }

  /** {[oid, iid, rid]: item} for a resource id below 24. */
  private static byte[] lwm2mEntry(LwM2mPath path, byte[] item) {
    return concat(hex("A1 83 19 27 0F 00" + String.format("%02X", path.resourceId())), item);
  }

  private static String text(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return String.format("%02X", 0x60 + utf8.length) + HexFormat.of().formatHex(utf8);
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
