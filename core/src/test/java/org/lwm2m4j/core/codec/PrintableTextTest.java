package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PrintableTextTest {
  @Test
  void printableTextInAnyScriptIsReturnedAsItIs() {
    for (String text : new String[] {"", "urn:imei:123", "dev 1", "grün", "温度計", "\ud83d\ude00", "a\\nb"}) {
      assertThat(PrintableText.firstUnprintable(text)).as(text).isEqualTo(-1);
      assertThat(PrintableText.escape(text)).isSameAs(text);
    }
  }

  @Test
  void controlsSeparatorsFormatCharactersLoneSurrogatesAndTheReplacementCharacterAreNot() {
    String[] unprintable = {"\u0000", "\t", "\r", "\n", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029",
        "\u202e", "\u200b", "\ufeff", "\ud800", "\udc00", "\ufffd"};
    for (String c : unprintable) {
      assertThat(PrintableText.firstUnprintable("ab" + c + "cd")).as("U+%04X", (int) c.charAt(0)).isEqualTo(2);
    }
  }

  @Test
  void escapesAreVisibleAndKeepTheTextOnOneLine() {
    assertThat(PrintableText.escape("dev1\r\nERROR forged")).isEqualTo("dev1\\r\\nERROR forged");
    assertThat(PrintableText.escape("a\tb\u001b[31mc\u0085\u2028\ufffd")).isEqualTo("a\\tb\\u001b[31mc\\u0085\\u2028\\ufffd");
    assertThat(PrintableText.escape("x\ud800y\ud83d\ude00")).isEqualTo("x\\ud800y\ud83d\ude00");
  }

  @Property(tries = 2000)
  void anEscapedTextIsPrintable(@ForAll String text) {
    String escaped = PrintableText.escape(text);
    assertThat(PrintableText.firstUnprintable(escaped)).isEqualTo(-1);
    assertThat(escaped).doesNotContain("\r", "\n");
  }
}
