package io.dsqlkit.rules.alter;

import java.util.ArrayList;
import java.util.List;

/**
 * One comma-separated action of an ALTER TABLE, as token indexes into the statement's significant
 * tokens ({@code from..to} inclusive; -1 when a part is absent).
 */
public final class AlterAction {
    public final ActionKind kind;
    public final int from, to;
    /** The column of ADD COLUMN / ALTER COLUMN / DROP COLUMN. */
    public int column = -1;
    /** ADD COLUMN: last token of the type (exclusive end of the type is {@code typeTo + 1}). */
    public int typeFrom = -1, typeTo = -1;
    public final List<ColumnConstraint> constraints = new ArrayList<>();
    /** ADD CONSTRAINT: the name after CONSTRAINT, the kind key word, NOT of NOT VALID, USING of USING INDEX. */
    public int constraintName = -1, constraintKeyword = -1, notValid = -1, usingIndex = -1;
    /** ADD CONSTRAINT: the column list's parentheses (FOREIGN KEY (...), UNIQUE (...), PRIMARY KEY (...)). */
    public int columnsOpen = -1, columnsClose = -1;
    /** The token that names the action for diagnostics (e.g. TYPE, SET, ENABLE). */
    public int focus;

    AlterAction(ActionKind kind, int from, int to) {
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.focus = from;
    }
}
