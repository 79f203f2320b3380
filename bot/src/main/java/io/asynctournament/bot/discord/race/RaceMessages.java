package io.asynctournament.bot.discord.race;

import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.OpenedRace;
import io.asynctournament.jobs.races.RaceService;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import java.awt.Color;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The messages of a race's thread (README "Racer guide"). The race message is one message that goes through the
 * race's states: pending (Ready, Forfeit), countdown and running (Finish, Forfeit, Timer), ended (its buttons
 * disabled). The result of a finish is a message of its own, with the VOD-and-notes and review buttons.
 */
final class RaceMessages {
    /** For messages that quote a racer's name (chosen by them): no name may ping anyone. */
    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);
    static final String READY = "ready";
    static final String FORFEIT = "forfeit";
    static final String FINISH = "finish";
    static final String TIMER = "timer";
    static final String VOD = "vod";
    static final String REVIEW = "review";
    static final String REATTEMPT = "reattempt";
    private static final Color PENDING = new Color(0x1565c0);
    private static final Color RUNNING = new Color(0x2e7d32);
    private static final Color ENDED = new Color(0x616161);

    private RaceMessages() {
    }

    /** The race's first message: what to play, the deadline, the rules, Ready and Forfeit. */
    static MessageCreateData pending(OpenedRace race, long racerUserId) {
        long deadline = race.timeoutAt().getEpochSecond();
        EmbedBuilder embed = header(race.tournamentName(), race.poolName(), race.permalinkUrl(), race.permalinkNotes())
                .setColor(PENDING)
                .addField("Deadline to press Ready", "<t:" + deadline + ":F> (<t:" + deadline + ":R>)", false)
                .setDescription(rules(race.warningMinutes(), race.maxHours()));
        return new MessageCreateBuilder().setContent("<@" + racerUserId + ">, your race is ready.")
                .setEmbeds(embed.build())
                .addComponents(ActionRow.of(button(READY, race.raceId(), false), button(FORFEIT, race.raceId(), false)))
                .build();
    }

    /** The race message once Ready was pressed: GO counts down in the client; Finish, Forfeit and Timer. */
    static MessageEditData countdown(RaceView race, Instant goAt) {
        long go = goAt.getEpochSecond();
        EmbedBuilder embed = header(race.tournamentName(), race.poolName(), race.permalinkUrl(), race.permalinkNotes())
                .setColor(RUNNING)
                .setDescription("**GO <t:" + go + ":R>** (<t:" + go + ":T>). Press **Finish** the moment you finish: "
                        + "your time runs from GO to your press, as Discord received it.");
        return new MessageEditBuilder().setContent("GO <t:" + go + ":R>").setEmbeds(embed.build())
                .setComponents(ActionRow.of(button(FINISH, race.raceId(), false), button(FORFEIT, race.raceId(), false),
                        button(TIMER, race.raceId(), false)))
                .build();
    }

    /** The race message once the race ended: {@code what} says how, the buttons it had are disabled. */
    static MessageEditData ended(RaceView race, String what) {
        EmbedBuilder embed = header(race.tournamentName(), race.poolName(), race.permalinkUrl(), race.permalinkNotes())
                .setColor(ENDED).setDescription(what);
        List<Button> buttons = race.startedAt() == null
                ? List.of(button(READY, race.raceId(), true), button(FORFEIT, race.raceId(), true))
                : List.of(button(FINISH, race.raceId(), true), button(FORFEIT, race.raceId(), true),
                button(TIMER, race.raceId(), true));
        return new MessageEditBuilder().setContent("Race over.").setEmbeds(embed.build())
                .setComponents(ActionRow.of(buttons)).build();
    }

    /**
     * The result of a finish: the time, the score unless the tournament hides results (while it is open: README
     * "Leaderboards"), VOD and review buttons.
     */
    static MessageCreateData finished(RaceView race) {
        return finished(race, false);
    }

    /**
     * {@link #finished(RaceView)}, with a Reattempt button when {@code reattempts} (the tournament allows
     * reattempts: README "Reattempts").
     */
    static MessageCreateData finished(RaceView race, boolean reattempts) {
        StringBuilder text = new StringBuilder("**").append(race.racerName()).append("** finished in **")
                .append(time(race.elapsedSeconds())).append("**");
        if (!(race.hideResults() && race.tournamentActive()) && race.score() != null) {
            text.append(" — score **").append(String.format(Locale.ROOT, "%.2f", race.score())).append("**");
        }
        text.append(".\nAdd your VOD and notes (editable while the tournament is open), or flag the race for the "
                + "reviewers.");
        return new MessageCreateBuilder().setContent(text.toString())
                .setAllowedMentions(NO_MENTIONS) // the racer's name is theirs to choose: "@everyone" pings no one
                .addComponents(ActionRow.of(reattempts
                        ? List.of(Button.primary(RaceIds.of(VOD, race.raceId()).encode(), "Add VOD & notes"),
                        Button.secondary(RaceIds.of(REVIEW, race.raceId()).encode(), "Flag for review"),
                        reattemptButton(race.raceId()))
                        : List.of(Button.primary(RaceIds.of(VOD, race.raceId()).encode(), "Add VOD & notes"),
                        Button.secondary(RaceIds.of(REVIEW, race.raceId()).encode(), "Flag for review"))))
                .build();
    }

    /** The racer's forfeit as the thread shows it, with a Reattempt button when {@code reattempts}. */
    static MessageCreateData forfeited(RaceView race, boolean reattempts) {
        MessageCreateBuilder message = new MessageCreateBuilder().setContent("**" + race.racerName()
                + "** forfeited: the race scores 0.").setAllowedMentions(NO_MENTIONS);
        if (reattempts) {
            message.addComponents(ActionRow.of(reattemptButton(race.raceId())));
        }
        return message.build();
    }

    private static Button reattemptButton(long raceId) {
        return Button.secondary(RaceIds.of(REATTEMPT, raceId).encode(), "Reattempt");
    }

    /** A race's time as {@code h:mm:ss.mmm}. */
    static String time(BigDecimal seconds) {
        return seconds == null ? "?" : time(Duration.ofMillis(seconds.movePointRight(3).longValue()));
    }

    /** A duration as {@code h:mm:ss.mmm} ({@code -} before it when negative). */
    static String time(Duration duration) {
        Duration d = duration.abs();
        return String.format(Locale.ROOT, "%s%d:%02d:%02d.%03d", duration.isNegative() ? "-" : "", d.toHours(),
                d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart());
    }

    static String rules(int warningMinutes, int maxHours) {
        return "Press **Ready** when you are set: a " + RaceService.COUNTDOWN.toSeconds() + "-second countdown, "
                + "then GO. Press **Finish** the moment you finish: your time runs from GO to your press, as Discord "
                + "received it.\nIf you have not pressed Ready by the deadline, the race is forfeited (you are warned "
                + warningMinutes + " minutes before). Once started, you have " + maxHours + " hours to finish. "
                + "A forfeit scores 0 and cannot be undone. Only you can use these buttons.";
    }

    private static EmbedBuilder header(String tournament, String pool, String url, String notes) {
        EmbedBuilder embed = new EmbedBuilder().setTitle(cut(tournament + " — " + pool, MessageEmbed.TITLE_MAX_LENGTH))
                .addField("Permalink", cut(url, MessageEmbed.VALUE_MAX_LENGTH), false);
        if (notes != null && !notes.isBlank()) {
            embed.addField("Notes", cut(notes, MessageEmbed.VALUE_MAX_LENGTH), false);
        }
        return embed;
    }

    private static Button button(String action, long raceId, boolean disabled) {
        String id = RaceIds.of(action, raceId).encode();
        Button button = switch (action) {
            case READY -> Button.success(id, "Ready");
            case FINISH -> Button.success(id, "Finish");
            case FORFEIT -> Button.danger(id, "Forfeit");
            default -> Button.secondary(id, "Timer");
        };
        return disabled ? button.asDisabled() : button;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
