package io.resequel.query;

/** What a raw query is, which decides the shape of its result (Sequelize's {@code QueryTypes}). */
public enum QueryType {
    /** Rows. */
    SELECT,
    /** {@code [rows, affectedRows]}. */
    INSERT,
    /** {@code [rows, affectedRows]}. */
    UPDATE,
    /** The affected row count. */
    BULKUPDATE,
    /** The affected row count. */
    BULKDELETE,
    /** The affected row count. */
    DELETE,
    /** {@code [rows, affectedRows]}. */
    UPSERT,
    /** {@code [rows, metadata]} (the default). */
    RAW
}
