package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.jobs.errors.UserError;

/**
 * The ids of the race's buttons, selects and modals ({@code race:<action>:<args>}), in one place, and reading their
 * arguments. An id whose argument is missing is answered "This button is no longer valid" (not found).
 */
final class RaceIds {
    static final String FEATURE = "race";

    private RaceIds() {
    }

    static ComponentId of(String action, Object... args) {
        return ComponentId.of(FEATURE, action, args);
    }

    /** The first argument of the id: a tournament or race id. @throws UserError not found when it is missing */
    static long first(ComponentRequest request) {
        return arg(request.id(), 0);
    }

    static long first(ModalRequest request) {
        return arg(request.id(), 0);
    }

    static long arg(ComponentId id, int index) {
        return id.longArg(index).orElseThrow(() -> UserError.notFound("This button names nothing."));
    }
}
