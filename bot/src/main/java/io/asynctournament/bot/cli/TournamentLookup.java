package io.asynctournament.bot.cli;

import io.asynctournament.db.TournamentRepository;
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
     * @throws BotCommand.UserError when no tournament, or more than one, has that name
     */
    static TournamentSummary find(DSLContext dsl, TournamentRepository tournaments, String name, String guild) {
        List<TournamentSummary> found = tournaments.findByName(dsl, name.strip()).stream()
                .filter(t -> guild == null || t.guildName().equals(guild))
                .toList();
        if (found.isEmpty()) {
            throw new BotCommand.UserError("no tournament is named '" + Names.printable(name, Names.MAX_LENGTH) + "'"
                    + (guild == null ? "" : " in guild '" + guild + "'") + "; import one with: import --tournament "
                    + "NAME FILE.csv");
        }
        if (found.size() > 1) {
            throw new BotCommand.UserError("several tournaments are named '" + Names.printable(name, Names.MAX_LENGTH)
                    + "' (guilds: " + found.stream().map(t -> Names.printable(t.guildName(), Names.MAX_LENGTH))
                    .collect(Collectors.joining(", "))
                    + "); add --guild NAME");
        }
        return found.get(0);
    }
}
