package io.dsqlkit.local.catalog;

/**
 * DSQL's catalog quotas (dsql-facts §2), configurable so tests can make them small.
 * {@link #DSQL} holds the documented values.
 */
public record BehaviourLimits(int indexesPerTable, int tables, int schemas, int views, int sequences,
                              int columnsPerTable) {
    public static final BehaviourLimits DSQL = new BehaviourLimits(24, 1000, 10, 5000, 5000, 255);

    public BehaviourLimits {
        if (indexesPerTable < 1 || tables < 1 || schemas < 1 || views < 1 || sequences < 1 || columnsPerTable < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }

    public BehaviourLimits withIndexesPerTable(int n) {
        return new BehaviourLimits(n, tables, schemas, views, sequences, columnsPerTable);
    }

    public BehaviourLimits withTables(int n) {
        return new BehaviourLimits(indexesPerTable, n, schemas, views, sequences, columnsPerTable);
    }

    public BehaviourLimits withSchemas(int n) {
        return new BehaviourLimits(indexesPerTable, tables, n, views, sequences, columnsPerTable);
    }

    public BehaviourLimits withViews(int n) {
        return new BehaviourLimits(indexesPerTable, tables, schemas, n, sequences, columnsPerTable);
    }

    public BehaviourLimits withSequences(int n) {
        return new BehaviourLimits(indexesPerTable, tables, schemas, views, n, columnsPerTable);
    }

    public BehaviourLimits withColumnsPerTable(int n) {
        return new BehaviourLimits(indexesPerTable, tables, schemas, views, sequences, n);
    }
}
