package io.asynctournament.bot.cli;

import io.asynctournament.db.TournamentRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.db.TournamentRepository.TournamentSummary;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.util.List;
import java.util.stream.Collectors;

/** Finds the one tournament a CLI option names, or says why it cannot. */
final class TournamentLookup {
    private TournamentLookup() {
    }

    /**
     * @param guild the guild name to narrow to, or null
     * @throws UserError (not found) when no tournament has that name, (bad input) more than one has it
     */
    static TournamentSummary find(DSLContext dsl, TournamentRepository tournaments, String name, String guild) {
        List<TournamentSummary> found = tournaments.findByName(dsl, name.strip()).stream()
                .filter(t -> guild == null || t.guildName().equals(guild))
                .toList();
        if (found.isEmpty()) {
            throw UserError.notFound("no tournament is named '" + Names.printable(name, Names.MAX_LENGTH) + "'"
                    + (guild == null ? "" : " in guild '" + guild + "'") + "; import one with: import --tournament "
                    + "NAME FILE.csv");
        }
        if (found.size() > 1) {
            throw UserError.badInput("several tournaments are named '" + Names.printable(name, Names.MAX_LENGTH)
                    + "' (guilds: " + found.stream().map(t -> Names.printable(t.guildName(), Names.MAX_LENGTH))
                    .collect(Collectors.joining(", "))
                    + "); add --guild NAME");
        }
        return found.get(0);
    }
}
