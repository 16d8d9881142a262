package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Value;
import org.junit.jupiter.api.Test;

class ConsoleParserTest {

  @Test
  void set_takesTheRestOfTheLineAsAStringValue() {
    assertThat(ConsoleParser.parse("set greeting hello  big world "))
        .isEqualTo(new ConsoleCommand.Set("greeting", Value.of("hello  big world")));
  }

  @Test
  void set_withATypeFlagStoresATypedValue() {
    assertThat(ConsoleParser.parse("set --int n -42"))
        .isEqualTo(new ConsoleCommand.Set("n", new Value.Int(-42)));
    assertThat(ConsoleParser.parse("set --float x 2.5"))
        .isEqualTo(new ConsoleCommand.Set("x", new Value.Float(2.5)));
    assertThat(ConsoleParser.parse("set --bool b TRUE"))
        .isEqualTo(new ConsoleCommand.Set("b", new Value.Bool(true)));
    assertThat(ConsoleParser.parse("set --bytes raw 00ff10"))
        .isEqualTo(new ConsoleCommand.Set("raw", new Value.Bin(new byte[] {0, -1, 16})));
  }

  @Test
  void set_withABadTypedValueSaysWhatWasExpected() {
    assertThat(ConsoleParser.parse("set --int n forty"))
        .isEqualTo(new ConsoleCommand.Invalid("--int expects a 64-bit integer, found 'forty'"));
    assertThat(ConsoleParser.parse("set --bytes raw abc"))
        .isEqualTo(
            new ConsoleCommand.Invalid(
                "--bytes expects an even number of hex digits, found 'abc'"));
  }

  @Test
  void set_withoutAValueGetsAUsageHint() {
    assertThat(ConsoleParser.parse("set onlykey"))
        .isEqualTo(
            new ConsoleCommand.Invalid("Usage: set [--int|--float|--bool|--bytes] <key> <value>"));
  }

  @Test
  void getAndDel_takeExactlyOneKey() {
    assertThat(ConsoleParser.parse("  get   greeting "))
        .isEqualTo(new ConsoleCommand.Get("greeting"));
    assertThat(ConsoleParser.parse("del greeting")).isEqualTo(new ConsoleCommand.Del("greeting"));
    assertThat(ConsoleParser.parse("get a b"))
        .isEqualTo(new ConsoleCommand.Invalid("Usage: get <key>"));
    assertThat(ConsoleParser.parse("del"))
        .isEqualTo(new ConsoleCommand.Invalid("Usage: del <key>"));
  }

  @Test
  void quitHelpInfoAndBuckets_areRecognisedWhateverTheCase() {
    assertThat(ConsoleParser.parse("q")).isEqualTo(new ConsoleCommand.Quit());
    assertThat(ConsoleParser.parse("QUIT")).isEqualTo(new ConsoleCommand.Quit());
    assertThat(ConsoleParser.parse("help")).isEqualTo(new ConsoleCommand.Help());
    assertThat(ConsoleParser.parse("Info")).isEqualTo(new ConsoleCommand.Info());
    assertThat(ConsoleParser.parse("buckets")).isEqualTo(new ConsoleCommand.Buckets());
    assertThat(ConsoleParser.parse("   ")).isEqualTo(new ConsoleCommand.Blank());
  }

  @Test
  void unknownCommand_getsAOneLineHintListingTheCommands() {
    ConsoleCommand c = ConsoleParser.parse("put a b");

    assertThat(c)
        .isEqualTo(
            new ConsoleCommand.Invalid(
                "Unknown command 'put'. Usage: set <key> <value> | get <key> | del <key> | info"
                    + " | buckets | help | q"));
  }
}
