package io.asynctournament.bot.discord.interaction;

import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

import java.util.List;
import java.util.Optional;

/** The typed options of a slash command or an autocomplete request, read once from the interaction. */
public final class CommandOptions {
    private final List<OptionMapping> options;

    public CommandOptions(List<OptionMapping> options) {
        this.options = List.copyOf(options);
    }

    /** A string option, if given and not blank (stripped). */
    public Optional<String> string(String name) {
        return find(name).map(OptionMapping::getAsString).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * A required string option (Discord enforces required options; this guards against stale definitions).
     *
     * @throws UserError (bad input) when it is missing
     */
    public String requiredString(String name) {
        return string(name).orElseThrow(() -> UserError.badInput("the option '" + name + "' is required"));
    }

    /** An integer option, if given. */
    public Optional<Long> integer(String name) {
        return find(name).map(OptionMapping::getAsLong);
    }

    /** A boolean option, if given. */
    public Optional<Boolean> bool(String name) {
        return find(name).map(OptionMapping::getAsBoolean);
    }

    /** An attachment option, if given. */
    public Optional<Message.Attachment> attachment(String name) {
        return find(name).map(OptionMapping::getAsAttachment);
    }

    /** A mentionable (user or role) option's id, if given. */
    public Optional<Long> mentionableId(String name) {
        return find(name).map(OptionMapping::getAsLong);
    }

    private Optional<OptionMapping> find(String name) {
        return options.stream().filter(o -> o.getName().equals(name)).findFirst();
    }
}
