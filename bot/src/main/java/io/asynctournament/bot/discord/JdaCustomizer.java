package io.asynctournament.bot.discord;

import net.dv8tion.jda.api.JDABuilder;

import java.util.function.UnaryOperator;

/** Adjusts the JDA builder before login; production uses it unchanged, tests point it at a local fake Discord. */
@FunctionalInterface
public interface JdaCustomizer extends UnaryOperator<JDABuilder> {
    /** Leaves the builder as it is. */
    JdaCustomizer NONE = builder -> builder;
}
