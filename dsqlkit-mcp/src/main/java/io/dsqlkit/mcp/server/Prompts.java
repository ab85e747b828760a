package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Prompts for the common DSQL workflows; each tells the agent which tools to use in which order. */
final class Prompts {
    private Prompts() {}

    static List<McpServerFeatures.SyncPromptSpecification> all() {
        return List.of(
                prompt("explore-database", "Explore the database: schemas, tables, keys and indexes",
                        List.of(), a -> """
                                Explore this Aurora DSQL database. Call get_schema first, then describe_table for the tables \
                                that matter (keys, indexes and whether each index is valid). Summarise the data model: \
                                tables, their keys, how they relate (foreign keys or app-level references), and which \
                                columns scope rows to a tenant. Use query with LIMIT for samples; never change anything."""),
                prompt("design-table", "Design a new DSQL table the right way",
                        List.of(arg("description", "What the table stores", true), arg("tenant_column", "Tenant column, if multi-tenant", false)),
                        a -> """
                                Design an Aurora DSQL table for: %s.
                                Read dsql_guide('constraints') and dsql_guide('multi-tenant') first. Rules: a primary key \
                                (UUID via gen_random_uuid() or a bigint identity column with CACHE >= 65536), %s, no \
                                SERIAL, indexes only with CREATE INDEX ASYNC (one per execute call, then wait_for_job). \
                                Check every statement with dsql_lint before running it with execute, one DDL per call."""
                                .formatted(a.getOrDefault("description", "the data described by the user"),
                                        a.get("tenant_column") == null ? "a tenant column first in every index if multi-tenant"
                                                : a.get("tenant_column") + " NOT NULL and first in every index")),
                prompt("safe-migration", "Plan and run a schema migration safely on DSQL",
                        List.of(arg("change", "The change to make", true)), a -> """
                                Migrate the schema: %s.
                                Follow dsql_guide('migrations'): one DDL statement per transaction (execute each separately), \
                                no DDL and DML in one transaction, ADD COLUMN without DEFAULT/NOT NULL and backfill in \
                                batches of at most 3,000 rows (transact or execute with a WHERE ... LIMIT pattern), \
                                CREATE INDEX ASYNC then wait_for_job, constraints added NOT VALID then ALTER TABLE ASYNC ... \
                                VALIDATE CONSTRAINT. Lint the whole plan with dsql_lint first and show it before running."""
                                .formatted(a.getOrDefault("change", "as described by the user"))),
                prompt("add-index", "Add an index without blocking writes",
                        List.of(arg("table", "Table", true), arg("columns", "Columns, comma-separated", true)), a -> """
                                Add an index on %s (%s). Use execute with CREATE INDEX ASYNC <name> ON %s (%s) (no USING, \
                                no ASC/DESC, no schema-qualified index name), then wait_for_job with the returned job_id, \
                                then describe_table to confirm valid: true. Use explain to confirm queries use it."""
                                .formatted(a.get("table"), a.get("columns"), a.get("table"), a.get("columns"))),
                prompt("fix-sql-for-dsql", "Make PostgreSQL SQL run on Aurora DSQL",
                        List.of(arg("sql", "The SQL to port", true)), a -> """
                                Port this SQL to Aurora DSQL:
                                %s
                                Run dsql_lint with fix: true; apply the fixed SQL; for what cannot be fixed mechanically, \
                                read the rule's help and dsql_guide('constraints') and rewrite it. Explain each change."""
                                .formatted(a.get("sql"))));
    }

    private static McpSchema.PromptArgument arg(String name, String description, boolean required) {
        return new McpSchema.PromptArgument(name, description, required);
    }

    private static McpServerFeatures.SyncPromptSpecification prompt(String name, String description,
                                                                    List<McpSchema.PromptArgument> args,
                                                                    Function<Map<String, Object>, String> text) {
        McpSchema.Prompt p = new McpSchema.Prompt(name, description, args);
        return new McpServerFeatures.SyncPromptSpecification(p, (exchange, req) -> {
            Map<String, Object> a = req.arguments() == null ? Map.of() : req.arguments();
            return new McpSchema.GetPromptResult(description, List.of(
                    new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text.apply(a)))));
        });
    }
}
