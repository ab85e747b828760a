package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.syntax.Tokens;

import java.util.Locale;

/**
 * Where the transaction modes of BEGIN / START TRANSACTION / SET TRANSACTION / SET SESSION
 * CHARACTERISTICS AS TRANSACTION start, and the isolation level among them.
 */
final class TransactionModes {
    enum Form { BEGIN, SET_TRANSACTION, SESSION_CHARACTERISTICS }

    final Form form;
    final int modesFrom;
    /** Index of ISOLATION, and of the first and last token of the level (-1 when absent). */
    int isolation = -1, levelFrom = -1, levelTo = -1;

    private TransactionModes(Form form, int modesFrom) {
        this.form = form;
        this.modesFrom = modesFrom;
    }

    static TransactionModes parse(Tokens t) {
        TransactionModes m;
        if (t.kw(0, "BEGIN")) {
            m = new TransactionModes(Form.BEGIN, t.kw(1, "WORK", "TRANSACTION") ? 2 : 1);
        } else if (t.kwSeq(0, "START", "TRANSACTION")) {
            m = new TransactionModes(Form.BEGIN, 2);
        } else if (t.kwSeq(0, "SET", "TRANSACTION")) {
            m = new TransactionModes(Form.SET_TRANSACTION, 2);
        } else if (t.kwSeq(0, "SET", "SESSION", "CHARACTERISTICS", "AS", "TRANSACTION")) {
            m = new TransactionModes(Form.SESSION_CHARACTERISTICS, 5);
        } else {
            return null;
        }
        for (int i = m.modesFrom; i < t.size(); i++) {
            if (t.kwSeq(i, "ISOLATION", "LEVEL") && t.isName(i + 2)) {
                m.isolation = i;
                m.levelFrom = i + 2;
                m.levelTo = t.kw(i + 2, "READ", "REPEATABLE") ? i + 3 : i + 2;
                if (m.levelTo >= t.size()) m.levelTo = t.size() - 1;
                break;
            }
        }
        return m;
    }

    /** The level as DSQL echoes it, e.g. {@code SERIALIZABLE}, {@code READ COMMITTED}. */
    String level(Tokens t) {
        StringBuilder sb = new StringBuilder();
        for (int i = levelFrom; i <= levelTo; i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(t.at(i).text().toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    boolean repeatableRead(Tokens t) {
        return isolation >= 0 && t.kwSeq(levelFrom, "REPEATABLE", "READ");
    }

    /** True when the statement sets nothing but the isolation level. */
    boolean onlyIsolation(Tokens t) {
        return isolation == modesFrom && levelTo == t.size() - 1;
    }
}
