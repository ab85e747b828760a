package io.dsqlkit.rules;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code -- dsqlkit-ignore <rule-id>[, <rule-id>...]} silences those rules (all rules when no id is
 * given) for findings on the next line holding code; {@code -- dsqlkit-ignore-file [ids]} silences
 * them for the whole text. A rule's former ids ({@link Rule#aliases()}) silence it too.
 */
final class Suppressions {
    private static final String ALL = "*";
    private final Map<Integer, Set<String>> byLine = new HashMap<>();
    private final Set<String> fileWide = new HashSet<>();

    Suppressions(List<Statement> statements) {
        Integer pending = null;
        Set<String> pendingIds = null;
        for (Statement s : statements) {
            for (Token t : s.tokens()) {
                if (t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT) {
                    String body = commentBody(t);
                    if (body.startsWith("dsqlkit-ignore-file")) {
                        fileWide.addAll(ids(body.substring("dsqlkit-ignore-file".length())));
                    } else if (body.startsWith("dsqlkit-ignore")) {
                        pending = t.line();
                        pendingIds = ids(body.substring("dsqlkit-ignore".length()));
                    }
                } else if (t.type() != TokenType.WHITESPACE && pending != null) {
                    if (t.line() > pending) {
                        byLine.computeIfAbsent(t.line(), k -> new HashSet<>()).addAll(pendingIds);
                        // A statement spanning lines: the ignore covers the statement's first code line and
                        // everything in that statement, recorded by statement start line below.
                        byLine.computeIfAbsent(-s.offset() - 1, k -> new HashSet<>()).addAll(pendingIds);
                    }
                    pending = null;
                    pendingIds = null;
                }
            }
        }
    }

    private static String commentBody(Token t) {
        String x = t.text();
        if (x.startsWith("--")) x = x.substring(2);
        else if (x.startsWith("/*")) x = x.substring(2, Math.max(2, x.length() - (t.unterminated() ? 0 : 2)));
        return x.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> ids(String rest) {
        Set<String> out = new HashSet<>();
        for (String p : rest.split("[\\s,]+")) if (!p.isBlank()) out.add(p.strip());
        if (out.isEmpty()) out.add(ALL);
        return out;
    }

    boolean suppressed(Diagnostic d, Statement owner) {
        if (matches(fileWide, d.ruleId())) return true;
        if (matches(byLine.get(d.line()), d.ruleId())) return true;
        return owner != null && matches(byLine.get(-owner.offset() - 1), d.ruleId());
    }

    private static boolean matches(Set<String> ids, String ruleId) {
        if (ids == null) return false;
        if (ids.contains(ALL) || ids.contains(ruleId)) return true;
        for (String alias : RuleCatalog.aliasesOf(ruleId)) if (ids.contains(alias)) return true;
        return false;
    }
}
