package io.dsqlkit.local.jobs;

/**
 * A checked async DDL statement waiting for its transaction to commit. {@code objectName} is the
 * index name (chosen now when the statement gave none) or the constraint name; {@code table} is
 * null when {@code ALTER TABLE ASYNC IF EXISTS} named a missing table. {@code objectId} is the
 * constraint's oid (an index's is known only once the build registered it).
 */
public record PreparedJob(String id, AsyncDdl ddl, Relation table, String objectName, boolean alreadyExists,
                          Long objectId) {}
