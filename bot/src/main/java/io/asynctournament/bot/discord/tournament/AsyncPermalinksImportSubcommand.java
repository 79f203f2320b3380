package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.results.InvalidResultsFileException;
import io.asynctournament.jobs.tournaments.PermalinkCsvReader;
import io.asynctournament.jobs.tournaments.PermalinkLine;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /async permalinks import}: the permalinks of an attached CSV ({@code pool,url[,notes]}, UTF-8, at most
 * {@value #MAX_BYTES} bytes), all or nothing: pools are created as needed; every bad line is reported with its line
 * number (the first {@value io.asynctournament.jobs.results.BadLines#LISTED} listed, all counted) and then nothing
 * is imported.
 */
@Component
@Order(50)
public final class AsyncPermalinksImportSubcommand implements AsyncSubcommand {
    /** The largest file accepted, in bytes (1 MiB: 5,000 permalinks of 200 characters fit). */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final long DOWNLOAD_TIMEOUT_SECONDS = 60;

    private final TournamentService tournaments;
    private final PermalinkCsvReader reader = new PermalinkCsvReader();

    public AsyncPermalinksImportSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public String group() {
        return "permalinks";
    }

    @Override
    public String groupDescription() {
        return "Many permalinks at once";
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("import", "Import permalinks from a CSV file (pool,url,notes), all or nothing")
                .addOptions(AsyncOptions.tournament(),
                        new OptionData(OptionType.ATTACHMENT, "file", "A CSV file with the header pool,url,notes "
                                + "(UTF-8, at most 1 MB)", true));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        Message.Attachment file = request.options().attachment("file")
                .orElseThrow(() -> UserError.badInput("the option 'file' is required"));
        String text = decode(file.getFileName(), download(file));
        try {
            List<PermalinkLine> lines = reader.read(new StringReader(text));
            int added = tournaments.importPermalinks(request.caller().requester(), t, lines);
            return Reply.embed(TournamentEmbeds.done("Imported " + file.getFileName() + " into " + t.name(),
                    lines.size() + " permalink(s) read, " + added + " new (a permalink already in its pool is left "
                            + "as it is). Pools are created as needed."));
        } catch (InvalidResultsFileException e) {
            throw UserError.badInput(report(file.getFileName(), e));
        }
    }

    /** The bad lines as the results import reports them: each with its line number, the first 20, and the count. */
    static String report(String fileName, InvalidResultsFileException e) {
        boolean more = e.total() > e.badLines().size();
        StringBuilder out = new StringBuilder(fileName + " was not imported; nothing was changed. " + e.total()
                + " bad line(s)" + (more ? ", the first " + e.badLines().size() + " by line number:" : ":"));
        e.badLines().forEach(bad -> out.append("\n").append(bad.line() > 0 ? "line " + bad.line() + ": " : "")
                .append(bad.reason()));
        if (more) {
            out.append("\n... and ").append(e.total() - e.badLines().size()).append(" more bad line(s)");
        }
        return out.toString();
    }

    private static byte[] download(Message.Attachment file) {
        if (file.getSize() > MAX_BYTES) {
            throw tooLarge(file.getFileName(), file.getSize());
        }
        try (InputStream in = file.getProxy().download().get(DOWNLOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1); // never more than the limit in memory, whatever Discord said
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file.getFileName(), bytes.length);
            }
            return bytes;
        } catch (ExecutionException | IOException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw UserError.badInput("Could not download " + file.getFileName() + " from Discord (" + cause
                    + "); nothing was imported. Attach it again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.badInput("The download of " + file.getFileName() + " was interrupted; nothing was "
                    + "imported.", e);
        }
    }

    private static String decode(String fileName, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw UserError.badInput(fileName + " is not UTF-8 text (save it as CSV in UTF-8); nothing was imported.",
                    e);
        }
    }

    private static UserError tooLarge(String fileName, long size) {
        return UserError.badInput(fileName + " has " + size + " bytes; at most " + MAX_BYTES + " (1 MB) are "
                + "accepted: split it. Nothing was imported.");
    }
}
