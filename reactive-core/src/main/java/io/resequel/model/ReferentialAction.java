package io.resequel.model;

/** What a foreign key does when the referenced row is deleted or its key updated. */
public enum ReferentialAction {
    CASCADE("CASCADE"), RESTRICT("RESTRICT"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT"), NO_ACTION("NO ACTION");

    private final String sql;

    ReferentialAction(String sql) {
        this.sql = sql;
    }

    /** @return the SQL keywords */
    public String sql() {
        return sql;
    }
}
