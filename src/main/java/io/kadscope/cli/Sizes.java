package io.kadscope.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes as a person types them: {@code 1048576}, {@code 512k}, {@code 32m}, {@code 1GiB}. */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*([kmg]?)(i?b)?");

  private Sizes() {}

  /**
   * The number of bytes {@code text} says, with k, m and g for 2^10, 2^20 and 2^30.
   *
   * @param option names the option in the error message
   * @throws CliException (usage) when it is no size, or not positive
   */
  public static long parse(String text, String option) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(text, option);
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 0;
        };
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw bad(text, option);
    }
    if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
      throw bad(text, option);
    }
    return n << shift;
  }

  private static CliException bad(String text, String option) {
    return new CliException(
        option
            + " expects a positive size in bytes such as 1048576, 512k, 32m or 1g, found "
            + Printable.quote(text, 40),
        CliException.USAGE);
  }
}
