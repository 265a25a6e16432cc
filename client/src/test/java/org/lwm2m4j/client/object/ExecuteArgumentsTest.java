package org.lwm2m4j.client.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.error.InvalidRequestException;

class ExecuteArgumentsTest {

  @Test
  void aBareDigit() {
    assertThat(ExecuteArguments.parse("5").values()).containsExactly(entry(5, Optional.empty()));
  }

  @Test
  void aDigitWithAQuotedValue() {
    assertThat(ExecuteArguments.parse("2='10.3'").values()).containsExactly(entry(2, Optional.of("10.3")));
  }

  @Test
  void severalBareDigitsKeepTheirOrder() {
    assertThat(ExecuteArguments.parse("0,1,2,3,4").values().keySet()).containsExactly(0, 1, 2, 3, 4);
  }

  /** The spec's own example has a space after the comma and inside the quotes. */
  @Test
  void spacesAfterACommaAndInsideQuotesAreAccepted() {
    ExecuteArguments arguments = ExecuteArguments.parse("7, 0=' <https://www.omaspecworks.org>'");

    assertThat(arguments.values()).containsExactly(
        entry(7, Optional.empty()),
        entry(0, Optional.of(" <https://www.omaspecworks.org>")));
  }

  @Test
  void anEmptyQuotedValue() {
    assertThat(ExecuteArguments.parse("3=''").values()).containsExactly(entry(3, Optional.of("")));
  }

  @Test
  void noArgumentsAtAll() {
    assertThat(ExecuteArguments.parse("")).isEqualTo(ExecuteArguments.NONE);
    assertThat(ExecuteArguments.parse("  ").values()).isEmpty();
  }

  @Test
  void theValuesAreUnmodifiable() {
    ExecuteArguments arguments = ExecuteArguments.parse("1");

    assertThatThrownBy(() -> arguments.values().put(2, Optional.empty())).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1,1",          // duplicate digit
      "0='a',0='b'",  // duplicate digit with values
      "2=10.3",       // unquoted value
      "2='10.3",      // unclosed quote
      "2=",           // no value after =
      "1,",           // trailing comma
      ",1",           // leading comma
      "1,,2",         // empty argument
      "a",            // letter
      "1,b",          // letter after a comma
      "12",           // two digits
      "1 ,2",         // space before the comma
      "3='x'y",       // text after the closing quote
  })
  void malformedArgumentsAreABadRequest(String text) {
    assertThatThrownBy(() -> ExecuteArguments.parse(text)).isInstanceOf(InvalidRequestException.class);
  }
}
