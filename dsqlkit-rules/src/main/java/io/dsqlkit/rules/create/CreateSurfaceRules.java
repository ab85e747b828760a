package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Rule;

import java.util.List;

/**
 * Rules about what can be created: statements DSQL rejects outright, column types, sequences and
 * identity, CREATE TABLE clauses, static size limits.
 */
public final class CreateSurfaceRules {
    private CreateSurfaceRules() {}

    private static final List<Rule> RULES = List.of(
            // §1.1 statements rejected outright
            new TruncateRule(),
            new CreateExtensionRule(),
            new CreateTriggerRule(),
            new CreateDatabaseRule(),
            new TemporaryTableRule(),
            new UnloggedTableRule(),
            new CreateMaterializedViewRule(),
            new CreateTableAsRule(),
            new SelectIntoRule(),
            new CreateTypeRule(),
            new AlterTypeRule(),
            new DropTypeRule(),
            new UndefinedTypeRule(),
            new CreateTablespaceRule(),
            new CreateForeignTableRule(),
            new VacuumRule(),
            new ListenNotifyRule(),
            new AlterSystemRule(),
            new FunctionLanguageRule(),
            new CreateProcedureRule(),
            new DoBlockRule(),
            new MergeRule(),
            new CreatePolicyRule(),
            new PrepareRule(),
            new DeallocateRule(),
            new DiscardRule(),
            new DeclareCursorRule(),
            new CopyFileRule(),
            new CreateServerRule(),
            new AlterRoleRule(),
            new AlterFunctionRule(),
            new TextSearchConfigRule(),
            new GeometricFunctionRule(),
            // §1.4 column types
            new SerialTypeRule(),
            new ArrayTypeRule(),
            new UnsupportedTypeRule(),
            new JsonTypeRule(),
            new CollateClauseRule(),
            new TypeLengthLimitRule(),
            new NumericPrecisionRule(),
            // §1.5 sequences and identity
            new SequenceCacheMissingRule(),
            new IdentityCacheMissingRule(),
            new CacheSizeRule(),
            new IdentityTypeRule(),
            new SequenceTypeRule(),
            new SequenceUnsupportedRule(),
            new IdentityUnsupportedRule(),
            // §1.6 CREATE TABLE surface, §2 static limits
            new PartitionRule(),
            new InheritsRule(),
            new StorageParametersRule(),
            new TableTablespaceRule(),
            new OnCommitRule(),
            new ExclusionConstraintRule(),
            new TooManyColumnsRule(),
            new TooManyKeyColumnsRule(),
            new ForeignKeyUnsupportedRule(),
            new GeneratedNotImmutableRule());

    public static List<Rule> rules() {
        return RULES;
    }
}
