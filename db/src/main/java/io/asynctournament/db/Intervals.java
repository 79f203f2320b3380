package io.asynctournament.db;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.OffsetDateTime;

/** PostgreSQL interval arithmetic on timestamptz fields, with bound values (jOOQ has no typed minute/hour add). */
public final class Intervals {
    private Intervals() {
    }

    /** {@code instant + minutes}, minutes an integer field. */
    public static Field<OffsetDateTime> plusMinutes(Field<OffsetDateTime> instant, Field<Integer> minutes) {
        return DSL.field("({0} + make_interval(mins => {1}))", SQLDataType.TIMESTAMPWITHTIMEZONE, instant, minutes);
    }

    /** {@code instant + hours}, hours an integer field. */
    public static Field<OffsetDateTime> plusHours(Field<OffsetDateTime> instant, Field<Integer> hours) {
        return DSL.field("({0} + make_interval(hours => {1}))", SQLDataType.TIMESTAMPWITHTIMEZONE, instant, hours);
    }
}
