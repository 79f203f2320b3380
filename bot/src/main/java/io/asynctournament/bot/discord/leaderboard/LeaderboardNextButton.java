package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import org.springframework.stereotype.Component;

/**
 * Next on an {@code /async leaderboard} answer ({@code leaderboard:next:<tournamentId>:<page>}): a deferred edit
 * of that answer to the page its id carries. A page the standings no longer have, or a tournament gone, is a stale
 * button; see {@link LeaderboardPages}.
 */
@Component
public final class LeaderboardNextButton implements ButtonHandler {
    private final LeaderboardPages pages;

    LeaderboardNextButton(LeaderboardPages pages) {
        this.pages = pages;
    }

    @Override
    public String key() {
        return LeaderboardEmbeds.FEATURE + ":" + LeaderboardEmbeds.NEXT;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        return pages.show(request);
    }
}
