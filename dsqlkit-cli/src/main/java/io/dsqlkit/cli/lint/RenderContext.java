package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Profile;

import java.io.PrintWriter;

/**
 * What every renderer needs to know about the run.
 *
 * @param colour  ANSI colour allowed (stdout is a terminal and NO_COLOR is unset)
 * @param fixMode --fix was given: findings are what is left after fixing
 */
record RenderContext(PrintWriter out, boolean colour, boolean fixMode, Profile profile, String version) {}
