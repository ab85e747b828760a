package io.dsqlkit.rules;

import io.dsqlkit.rules.alter.AlterTableActionAfterGa;
import io.dsqlkit.rules.alter.AlterTableAddColumnConstraint;
import io.dsqlkit.rules.alter.AlterTableAddConstraintNotValid;
import io.dsqlkit.rules.alter.AlterTableAddPrimaryKey;
import io.dsqlkit.rules.alter.AlterTableAddUnique;
import io.dsqlkit.rules.alter.AlterTableAlterColumnType;
import io.dsqlkit.rules.alter.AlterTableAttachPartition;
import io.dsqlkit.rules.alter.AlterTableDetachPartition;
import io.dsqlkit.rules.alter.AlterTableDropPrimaryKeyColumn;
import io.dsqlkit.rules.alter.AlterTableInherit;
import io.dsqlkit.rules.alter.AlterTablePhysicalOption;
import io.dsqlkit.rules.alter.AlterTableReplicaIdentity;
import io.dsqlkit.rules.alter.AlterTableRowLevelSecurity;
import io.dsqlkit.rules.alter.AlterTableRule;
import io.dsqlkit.rules.alter.AlterTableSetNotNull;
import io.dsqlkit.rules.alter.AlterTableSetStatistics;
import io.dsqlkit.rules.alter.AlterTableStorageParameters;
import io.dsqlkit.rules.alter.AlterTableValidateAsync;
import io.dsqlkit.rules.function.AlterFunction;
import io.dsqlkit.rules.function.CreateProcedure;
import io.dsqlkit.rules.function.DoBlock;
import io.dsqlkit.rules.function.FunctionLanguage;
import io.dsqlkit.rules.index.CreateIndexAsync;
import io.dsqlkit.rules.index.CreateIndexConcurrently;
import io.dsqlkit.rules.index.CreateIndexExpression;
import io.dsqlkit.rules.index.CreateIndexOpclass;
import io.dsqlkit.rules.index.CreateIndexSchemaQualified;
import io.dsqlkit.rules.index.CreateIndexSortOrder;
import io.dsqlkit.rules.index.CreateIndexStorageParameters;
import io.dsqlkit.rules.index.CreateIndexTablespace;
import io.dsqlkit.rules.index.CreateIndexUsing;
import io.dsqlkit.rules.index.CreateIndexWhere;
import io.dsqlkit.rules.index.IndexKeyType;
import io.dsqlkit.rules.script.UnterminatedToken;
import io.dsqlkit.rules.sequence.CacheSizeInvalid;
import io.dsqlkit.rules.sequence.IdentityCacheMissing;
import io.dsqlkit.rules.sequence.IdentityTypeBigint;
import io.dsqlkit.rules.sequence.IdentityUnsupported;
import io.dsqlkit.rules.sequence.SequenceCacheMissing;
import io.dsqlkit.rules.sequence.SequenceTypeBigint;
import io.dsqlkit.rules.sequence.SequenceUnsupported;
import io.dsqlkit.rules.session.AdvisoryLock;
import io.dsqlkit.rules.session.AlterRole;
import io.dsqlkit.rules.session.Deallocate;
import io.dsqlkit.rules.session.DeclareCursor;
import io.dsqlkit.rules.session.Discard;
import io.dsqlkit.rules.session.ListenNotify;
import io.dsqlkit.rules.session.LockTable;
import io.dsqlkit.rules.session.LockingClause;
import io.dsqlkit.rules.session.SetConfig;
import io.dsqlkit.rules.session.SetParameter;
import io.dsqlkit.rules.session.SqlPrepare;
import io.dsqlkit.rules.session.Tablesample;
import io.dsqlkit.rules.table.CreateTableInherits;
import io.dsqlkit.rules.table.CreateTableOnCommit;
import io.dsqlkit.rules.table.CreateTablePartition;
import io.dsqlkit.rules.table.CreateTableTablespace;
import io.dsqlkit.rules.table.CreateTableWith;
import io.dsqlkit.rules.table.ExclusionConstraint;
import io.dsqlkit.rules.table.ForeignKeyUnsupported;
import io.dsqlkit.rules.table.GeneratedNotImmutable;
import io.dsqlkit.rules.table.TemporaryTable;
import io.dsqlkit.rules.table.TooManyColumns;
import io.dsqlkit.rules.index.TooManyKeyColumns;
import io.dsqlkit.rules.table.UnloggedTable;
import io.dsqlkit.rules.transaction.DdlAndDmlInTransaction;
import io.dsqlkit.rules.transaction.IsolationLevel;
import io.dsqlkit.rules.transaction.MultipleDdlInTransaction;
import io.dsqlkit.rules.transaction.PreparedTransaction;
import io.dsqlkit.rules.transaction.Savepoint;
import io.dsqlkit.rules.transaction.SetTransaction;
import io.dsqlkit.rules.transaction.TransactionAborted;
import io.dsqlkit.rules.types.AlterType;
import io.dsqlkit.rules.types.ArrayType;
import io.dsqlkit.rules.types.CollateClause;
import io.dsqlkit.rules.types.CreateType;
import io.dsqlkit.rules.types.DropType;
import io.dsqlkit.rules.types.GeometricFunction;
import io.dsqlkit.rules.types.JsonType;
import io.dsqlkit.rules.types.NumericPrecision;
import io.dsqlkit.rules.types.SerialType;
import io.dsqlkit.rules.types.TextSearchConfig;
import io.dsqlkit.rules.types.TypeLengthLimit;
import io.dsqlkit.rules.types.UndefinedType;
import io.dsqlkit.rules.types.UnsupportedType;
import io.dsqlkit.rules.unsupported.AlterSystem;
import io.dsqlkit.rules.unsupported.CopyFile;
import io.dsqlkit.rules.unsupported.CreateDatabase;
import io.dsqlkit.rules.unsupported.CreateExtension;
import io.dsqlkit.rules.unsupported.CreateForeignTable;
import io.dsqlkit.rules.unsupported.CreateMaterializedView;
import io.dsqlkit.rules.unsupported.CreatePolicy;
import io.dsqlkit.rules.unsupported.CreateServer;
import io.dsqlkit.rules.unsupported.CreateTableAs;
import io.dsqlkit.rules.unsupported.CreateTablespace;
import io.dsqlkit.rules.unsupported.CreateTrigger;
import io.dsqlkit.rules.unsupported.Merge;
import io.dsqlkit.rules.unsupported.SelectInto;
import io.dsqlkit.rules.unsupported.Truncate;
import io.dsqlkit.rules.unsupported.Vacuum;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every rule dsqlkit knows, in a stable order (the order of SARIF's rule list and of the docs index):
 * the only list of rules. Each rule's class is named after its id and lives in the package of its
 * statement family (unsupported, table, alter, index, types, sequence, function, session,
 * transaction, script). A rule missing here is never run; {@code RuleCatalogTest} fails for a rule
 * class that is not listed, or a listed rule without a doc page or an evidence row.
 */
public final class RuleCatalog {
    private static final List<Rule> ALL = List.of(
            // §1.1 statements rejected outright
            new Truncate(),
            new CreateExtension(),
            new CreateTrigger(),
            new CreateDatabase(),
            new TemporaryTable(),
            new UnloggedTable(),
            new CreateMaterializedView(),
            new CreateTableAs(),
            new SelectInto(),
            new CreateType(),
            new AlterType(),
            new DropType(),
            new UndefinedType(),
            new CreateTablespace(),
            new CreateForeignTable(),
            new Vacuum(),
            new ListenNotify(),
            new AlterSystem(),
            new FunctionLanguage(),
            new CreateProcedure(),
            new DoBlock(),
            new Merge(),
            new CreatePolicy(),
            new SqlPrepare(),
            new Deallocate(),
            new Discard(),
            new DeclareCursor(),
            new CopyFile(),
            new CreateServer(),
            new AlterRole(),
            new AlterFunction(),
            new TextSearchConfig(),
            new GeometricFunction(),
            // §1.4 column types
            new SerialType(),
            new ArrayType(),
            new UnsupportedType(),
            new JsonType(),
            new CollateClause(),
            new TypeLengthLimit(),
            new NumericPrecision(),
            // §1.5 sequences and identity
            new SequenceCacheMissing(),
            new IdentityCacheMissing(),
            new CacheSizeInvalid(),
            new IdentityTypeBigint(),
            new SequenceTypeBigint(),
            new SequenceUnsupported(),
            new IdentityUnsupported(),
            // §1.6 CREATE TABLE surface, §2 static limits
            new CreateTablePartition(),
            new CreateTableInherits(),
            new CreateTableWith(),
            new CreateTableTablespace(),
            new CreateTableOnCommit(),
            new ExclusionConstraint(),
            new TooManyColumns(),
            new TooManyKeyColumns(),
            new ForeignKeyUnsupported(),
            new GeneratedNotImmutable(),
// CREATE INDEX (dsql-facts §4)
            new CreateIndexAsync(),
            new CreateIndexConcurrently(),
            new CreateIndexUsing(),
            new CreateIndexSortOrder(),
            new CreateIndexOpclass(),
            new CreateIndexSchemaQualified(),
            new CreateIndexStorageParameters(),
            new CreateIndexTablespace(),
            new CreateIndexWhere(),
            new CreateIndexExpression(),
            // ALTER TABLE (dsql-facts §1.7, §1.8)
            new AlterTableAddColumnConstraint(),
            new AlterTableAlterColumnType(),
            new AlterTableSetNotNull(),
            new AlterTableSetStatistics(),
            new AlterTableAddPrimaryKey(),
            new AlterTableAddUnique(),
            new AlterTableAddConstraintNotValid(),
            new AlterTableValidateAsync(),
            new AlterTableRowLevelSecurity(),
            new AlterTableReplicaIdentity(),
            new AlterTableRule(),
            new AlterTableStorageParameters(),
            new AlterTablePhysicalOption(),
            new AlterTableInherit(),
            new AlterTableAttachPartition(),
            new AlterTableDetachPartition(),
            new AlterTableActionAfterGa(),
            // sessions, isolation, locking (dsql-facts §1.1, §1.3)
            new IsolationLevel(),
            new SetTransaction(),
            new SetParameter(),
            new SetConfig(),
            new Savepoint(),
            new PreparedTransaction(),
            new LockingClause(),
            new LockTable(),
            new Tablesample(),
            new AdvisoryLock(),
            // catalog facts visible earlier in the same script (dsql-facts §1.4, §1.7, §4)
            new IndexKeyType(),
            new AlterTableDropPrimaryKeyColumn(),
            // whole-script transaction shape (dsql-facts §1.2)
            new MultipleDdlInTransaction(),
            new DdlAndDmlInTransaction(),
            new TransactionAborted(),
            // the script as a whole
            new UnterminatedToken());

    private static final Map<String, Rule> BY_ID = ALL.stream().collect(Collectors.toUnmodifiableMap(Rule::id, Function.<Rule>identity()));

    private RuleCatalog() {}

    public static List<Rule> all() {
        return ALL;
    }

    /** The rules that apply under {@code profile}, in catalog order. */
    public static List<Rule> forProfile(Profile profile) {
        return ALL.stream().filter(r -> r.profiles().contains(profile)).toList();
    }

    /** How many rules there are: the number the README and the docs index quote. */
    public static int size() {
        return ALL.size();
    }

    /** The former ids of rule {@code id} (none for an unknown id). */
    public static Set<String> aliasesOf(String id) {
        Rule r = BY_ID.get(id);
        return r == null ? Set.of() : r.aliases();
    }

    /** The rule with this id, or with this id as a former id (alias). */
    public static Optional<Rule> byId(String id) {
        Rule r = BY_ID.get(id);
        if (r != null) return Optional.of(r);
        return ALL.stream().filter(x -> x.aliases().contains(id)).findFirst();
    }
}
