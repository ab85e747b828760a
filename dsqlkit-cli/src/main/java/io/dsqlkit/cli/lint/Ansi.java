package io.dsqlkit.cli.lint;

/**
 * ANSI styling, or none. Colour is for people at a terminal only: never in a pipe or a file, and
 * never when NO_COLOR is set (https://no-color.org).
 */
final class Ansi {
    static final Ansi OFF = new Ansi(false);
    private static final String RESET = "\u001b[0m";

    private final boolean on;

    Ansi(boolean on) {
        this.on = on;
    }

    /** Colour iff the JVM has a console (stdin and stdout are terminals) and NO_COLOR is unset or empty. */
    static boolean wanted(boolean hasConsole, String noColorEnv) {
        return hasConsole && (noColorEnv == null || noColorEnv.isEmpty());
    }

    static boolean wantedForThisProcess() {
        return wanted(System.console() != null, System.getenv("NO_COLOR"));
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String red(String s) {
        return wrap("1;31", s);
    }

    String yellow(String s) {
        return wrap("1;33", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String minus(String s) {
        return wrap("31", s);
    }

    String blue(String s) {
        return wrap("1;34", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + RESET : s;
    }
}
