package io.dsqlkit.rules.change;

import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.change.alter.AddColumnConstraintRule;
import io.dsqlkit.rules.change.alter.AddConstraintNotValidRule;
import io.dsqlkit.rules.change.alter.AddPrimaryKeyRule;
import io.dsqlkit.rules.change.alter.AddUniqueConstraintRule;
import io.dsqlkit.rules.change.alter.AlterColumnTypeRule;
import io.dsqlkit.rules.change.alter.AttachPartitionRule;
import io.dsqlkit.rules.change.alter.DetachPartitionRule;
import io.dsqlkit.rules.change.alter.InheritRule;
import io.dsqlkit.rules.change.alter.LaterAlterActionRule;
import io.dsqlkit.rules.change.alter.PhysicalOptionRule;
import io.dsqlkit.rules.change.alter.ReplicaIdentityRule;
import io.dsqlkit.rules.change.alter.RowLevelSecurityRule;
import io.dsqlkit.rules.change.alter.SetNotNullRule;
import io.dsqlkit.rules.change.alter.SetStatisticsRule;
import io.dsqlkit.rules.change.alter.StorageParametersRule;
import io.dsqlkit.rules.change.alter.TableRuleRule;
import io.dsqlkit.rules.change.alter.ValidateConstraintAsyncRule;
import io.dsqlkit.rules.change.index.CreateIndexAsyncRule;
import io.dsqlkit.rules.change.index.CreateIndexConcurrentlyRule;
import io.dsqlkit.rules.change.index.CreateIndexExpressionRule;
import io.dsqlkit.rules.change.index.CreateIndexOpclassRule;
import io.dsqlkit.rules.change.index.CreateIndexSchemaQualifiedRule;
import io.dsqlkit.rules.change.index.CreateIndexSortOrderRule;
import io.dsqlkit.rules.change.index.CreateIndexStorageParametersRule;
import io.dsqlkit.rules.change.index.CreateIndexTablespaceRule;
import io.dsqlkit.rules.change.index.CreateIndexUsingRule;
import io.dsqlkit.rules.change.index.CreateIndexWhereRule;
import io.dsqlkit.rules.change.index.IndexTooManyKeysRule;
import io.dsqlkit.rules.change.script.DdlAndDmlRule;
import io.dsqlkit.rules.change.script.DropPrimaryKeyColumnRule;
import io.dsqlkit.rules.change.script.IndexKeyTypeRule;
import io.dsqlkit.rules.change.script.MultipleDdlRule;
import io.dsqlkit.rules.change.script.TransactionAbortedRule;
import io.dsqlkit.rules.change.session.AdvisoryLockRule;
import io.dsqlkit.rules.change.session.IsolationLevelRule;
import io.dsqlkit.rules.change.session.LockTableRule;
import io.dsqlkit.rules.change.session.LockingClauseRule;
import io.dsqlkit.rules.change.session.PreparedTransactionRule;
import io.dsqlkit.rules.change.session.SavepointRule;
import io.dsqlkit.rules.change.session.SetConfigRule;
import io.dsqlkit.rules.change.session.SetParameterRule;
import io.dsqlkit.rules.change.session.SetTransactionRule;
import io.dsqlkit.rules.change.session.TablesampleRule;

import java.util.List;

/**
 * Rules about changes and sessions: CREATE INDEX, ALTER TABLE, SET and isolation, SAVEPOINT,
 * locking, advisory locks, and the script-level transaction-shape rules.
 */
public final class ChangeSurfaceRules {
    private ChangeSurfaceRules() {}

    private static final List<Rule> RULES = List.of(
            // CREATE INDEX (dsql-facts §4)
            new CreateIndexAsyncRule(),
            new CreateIndexConcurrentlyRule(),
            new CreateIndexUsingRule(),
            new CreateIndexSortOrderRule(),
            new CreateIndexOpclassRule(),
            new CreateIndexSchemaQualifiedRule(),
            new CreateIndexStorageParametersRule(),
            new CreateIndexTablespaceRule(),
            new IndexTooManyKeysRule(),
            new CreateIndexWhereRule(),
            new CreateIndexExpressionRule(),
            // ALTER TABLE (dsql-facts §1.7, §1.8)
            new AddColumnConstraintRule(),
            new AlterColumnTypeRule(),
            new SetNotNullRule(),
            new SetStatisticsRule(),
            new AddPrimaryKeyRule(),
            new AddUniqueConstraintRule(),
            new AddConstraintNotValidRule(),
            new ValidateConstraintAsyncRule(),
            new RowLevelSecurityRule(),
            new ReplicaIdentityRule(),
            new TableRuleRule(),
            new StorageParametersRule(),
            new PhysicalOptionRule(),
            new InheritRule(),
            new AttachPartitionRule(),
            new DetachPartitionRule(),
            new LaterAlterActionRule(),
            // sessions, isolation, locking (dsql-facts §1.1, §1.3)
            new IsolationLevelRule(),
            new SetTransactionRule(),
            new SetParameterRule(),
            new SetConfigRule(),
            new SavepointRule(),
            new PreparedTransactionRule(),
            new LockingClauseRule(),
            new LockTableRule(),
            new TablesampleRule(),
            new AdvisoryLockRule(),
            // catalog facts visible earlier in the same script (dsql-facts §1.4, §1.7, §4)
            new IndexKeyTypeRule(),
            new DropPrimaryKeyColumnRule(),
            // whole-script transaction shape (dsql-facts §1.2)
            new MultipleDdlRule(),
            new DdlAndDmlRule(),
            new TransactionAbortedRule());

    public static List<Rule> rules() {
        return RULES;
    }
}
