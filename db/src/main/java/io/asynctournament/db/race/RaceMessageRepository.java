package io.asynctournament.db.race;

import org.jooq.DSLContext;

import java.util.Optional;

import static io.asynctournament.db.generated.Tables.RACE;

/**
 * The race's main message in its thread ({@code race.race_message_id}): the one with Ready/Forfeit, then
 * Finish/Forfeit/Timer, whose buttons a forfeit by a sweep disables (README "What racers receive").
 */
public final class RaceMessageRepository {

    /** Records the race's main message. @return false when the race is gone */
    public boolean record(DSLContext dsl, long raceId, long messageId) {
        return dsl.update(RACE).set(RACE.RACE_MESSAGE_ID, messageId).where(RACE.ID.eq(raceId)).execute() == 1;
    }

    /** The race's main message, if recorded (races opened before the column existed have none). */
    public Optional<Long> find(DSLContext dsl, long raceId) {
        return dsl.select(RACE.RACE_MESSAGE_ID).from(RACE).where(RACE.ID.eq(raceId))
                .fetchOptional(RACE.RACE_MESSAGE_ID);
    }

    /** The racer row id of the race, if the race exists. */
    public Optional<Long> racerId(DSLContext dsl, long raceId) {
        return dsl.select(RACE.RACER_ID).from(RACE).where(RACE.ID.eq(raceId)).fetchOptional(RACE.RACER_ID);
    }
}
