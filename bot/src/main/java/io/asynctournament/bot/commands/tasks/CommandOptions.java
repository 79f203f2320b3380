package io.asynctournament.bot.commands.tasks;

import net.dv8tion.jda.api.interactions.commands.OptionMapping;

import java.util.List;
import java.util.Optional;

/** The typed options of a slash command, read once from the interaction. */
public final class CommandOptions {
    private final List<OptionMapping> options;

    public CommandOptions(List<OptionMapping> options) {
        this.options = List.copyOf(options);
    }

    /** A string option, if given. */
    public Optional<String> string(String name) {
        return find(name).map(OptionMapping::getAsString).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A required string option (Discord enforces required options; this guards against stale definitions). */
    public String requiredString(String name) {
        return string(name).orElseThrow(() -> new IllegalArgumentException("the option '" + name + "' is required"));
    }

    /** An integer option, if given. */
    public Optional<Long> integer(String name) {
        return find(name).map(OptionMapping::getAsLong);
    }

    private Optional<OptionMapping> find(String name) {
        return options.stream().filter(o -> o.getName().equals(name)).findFirst();
    }
}
